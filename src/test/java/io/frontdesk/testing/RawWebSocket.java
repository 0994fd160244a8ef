package io.frontdesk.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client on a plain socket that writes frames exactly as told: text that is not UTF-8,
 * unmasked frames, reserved opcodes — what a browser never sends and a broken or hostile client
 * does. Reads the server's frames up to its close frame.
 */
public final class RawWebSocket implements AutoCloseable {

  /** Opcodes (RFC 6455 §5.2). */
  public static final int TEXT = 1;

  public static final int CONTINUATION = 0;

  /** A frame the server sent: its opcode and payload (a close frame's starts with the code). */
  public record Frame(int opcode, byte[] payload) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The close code of a close frame. */
    public int closeCode() {
      return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }

    /** The close reason of a close frame. */
    public String closeReason() {
      return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private String lastHead = "";

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** The head of the server's answer to an upgrade of {@code path} with this token. */
  public static String upgradeAnswer(URI base, String path, String token) {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      RawWebSocket ws = new RawWebSocket(socket);
      ws.out.write(upgrade(base, path, token).getBytes(StandardCharsets.US_ASCII));
      ws.head();
      return ws.lastHead;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String upgrade(URI base, String path, String token) {
    String key = Base64.getEncoder().encodeToString(RANDOM.generateSeed(16));
    return "GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            .formatted(path, base.getHost(), base.getPort())
        + "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n".formatted(key)
        + "Sec-WebSocket-Protocol: bearer, %s\r\n\r\n".formatted(token);
  }

  /** Opens {@code path} with the token as subprotocol; fails unless the server answers 101. */
  public static RawWebSocket open(URI base, String path, String token) {
    try {
      Socket socket = new Socket(base.getHost(), base.getPort());
      socket.setSoTimeout(20_000);
      RawWebSocket ws = new RawWebSocket(socket);
      ws.out.write(upgrade(base, path, token).getBytes(StandardCharsets.US_ASCII));
      String status = ws.head();
      if (!status.startsWith("HTTP/1.1 101")) {
        socket.close();
        throw new IllegalStateException("upgrade refused: " + status);
      }
      return ws;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the response head; returns its status line. */
  private String head() throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("closed during the upgrade: " + head);
      }
      head.append((char) b);
    }
    lastHead = head.toString();
    return lastHead.lines().findFirst().orElse("");
  }

  /** Writes one frame, masked as a client must unless {@code masked} is false. */
  public void send(int opcode, byte[] payload, boolean fin, boolean masked) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write((fin ? 0x80 : 0) | opcode);
    int mask = masked ? 0x80 : 0;
    if (payload.length < 126) {
      frame.write(mask | payload.length);
    } else {
      frame.write(mask | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    }
    byte[] key = new byte[4];
    RANDOM.nextBytes(key);
    if (masked) {
      frame.writeBytes(key);
    }
    for (int i = 0; i < payload.length; i++) {
      frame.write(masked ? payload[i] ^ key[i % 4] : payload[i]);
    }
    try {
      out.write(frame.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A whole text message, as bytes (valid UTF-8 or not). */
  public void sendText(byte[] payload) {
    send(TEXT, payload, true, true);
  }

  /**
   * Reads frames until the server's close frame and returns it, or null when the connection ended
   * without one.
   */
  public Frame awaitClose() {
    try {
      while (true) {
        Frame frame = read();
        if (frame == null || frame.opcode() == 8) {
          return frame;
        }
      }
    } catch (IOException e) {
      return null;
    }
  }

  /** The next frame, or null at the end of the stream. */
  public Frame read() throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int second = in.readUnsignedByte();
    long length = second & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(first & 0x0f, payload);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a closed socket
    }
  }
}
