package io.frontdesk.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client (Vert.x) for the chat and console sockets: the token as the subprotocol
 * {@code bearer, <jwt>} a browser sends, every message kept in order, the close status and reason.
 */
public final class SocketClient implements AutoCloseable {

  private static final Vertx VERTX = Vertx.vertx();

  private final WebSocketClient client;
  private volatile WebSocket socket;
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private final List<JsonObject> seen = new ArrayList<>();
  private final CompletableFuture<Short> closedWith = new CompletableFuture<>();
  private volatile String closeReason;

  private SocketClient(WebSocketClient client) {
    this.client = client;
  }

  /**
   * Puts the handlers on as the upgrade completes, on the socket's event loop, before it reads a
   * frame: a message the server sends at once (the console's console_ready) is never dropped.
   */
  private WebSocket attach(WebSocket ws) {
    socket = ws;
    ws.textMessageHandler(text -> received.add(new JsonObject(text)));
    ws.closeHandler(
        ignored -> {
          closeReason = ws.closeReason();
          closedWith.complete(ws.closeStatusCode());
        });
    return ws;
  }

  /** Connects with the token as subprotocol (null: no token at all). */
  public static SocketClient connect(URI base, String path, String token) {
    WebSocketConnectOptions options = options(base, path);
    if (token != null) {
      options.addSubProtocol("bearer").addSubProtocol(token);
    }
    return open(options);
  }

  /** Connects with the token as {@code ?token=}. */
  public static SocketClient connectWithQueryToken(URI base, String path, String token) {
    return open(options(base, path + "?token=" + token));
  }

  /** The HTTP status the upgrade was refused with, or 101 if it was accepted. */
  public static int upgradeStatus(URI base, String path, String token) {
    try (SocketClient ok = connect(base, path, token)) {
      return 101;
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof UpgradeRejectedException rejected) {
        return rejected.getStatus();
      }
      throw e;
    }
  }

  private static WebSocketConnectOptions options(URI base, String uri) {
    return new WebSocketConnectOptions()
        .setHost(base.getHost())
        .setPort(base.getPort())
        .setURI(uri);
  }

  private static SocketClient open(WebSocketConnectOptions options) {
    WebSocketClient client =
        VERTX.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxMessageSize(64 * 1024 * 1024)
                .setMaxFrameSize(1 << 20));
    SocketClient opened = new SocketClient(client);
    try {
      client
          .connect(options)
          .map(opened::attach)
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      return opened;
    } catch (ExecutionException e) {
      client.close();
      throw new IllegalStateException("upgrade failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      client.close();
      throw new IllegalStateException(e);
    }
  }

  public void send(String text) {
    await(socket.writeTextMessage(text).toCompletionStage().toCompletableFuture(), "send");
  }

  public void send(JsonObject message) {
    send(message.encode());
  }

  /** Stops reading from the socket: the server's writes back up as for a client that hung. */
  public void stopReading() {
    socket.pause();
  }

  public void resumeReading() {
    socket.resume();
  }

  /** The next message matching, waiting up to {@code timeout}; earlier ones are kept in seen. */
  public JsonObject next(Predicate<JsonObject> matching, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = end - System.nanoTime();
      JsonObject message;
      try {
        message = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (message == null) {
        throw new AssertionError("no matching message within " + timeout + "; got " + seen);
      }
      seen.add(message);
      if (matching.test(message)) {
        return message;
      }
    }
  }

  /** The next message of this type. */
  public JsonObject next(String type) {
    return next(m -> type.equals(m.getString("type")), Duration.ofSeconds(20));
  }

  /** Every message up to and including the next {@code done}. */
  public List<JsonObject> turn() {
    int from = seen.size();
    next("done");
    return List.copyOf(seen.subList(from, seen.size()));
  }

  /** Messages that arrived and were not taken yet, waiting {@code quiet} for more. */
  public List<JsonObject> drain(Duration quiet) {
    List<JsonObject> out = new ArrayList<>();
    try {
      JsonObject m;
      while ((m = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
        seen.add(m);
        out.add(m);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  /** Every message received so far, taken or not. */
  public List<JsonObject> seen() {
    return List.copyOf(seen);
  }

  /** The close status the server sent, waiting up to {@code timeout}. */
  public short closeStatus(Duration timeout) {
    try {
      return closedWith.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("not closed within " + timeout, e);
    }
  }

  public String closeReason() {
    return closeReason;
  }

  public boolean isClosed() {
    return closedWith.isDone();
  }

  private static <T> T await(CompletableFuture<T> future, String what) {
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(what + " failed", e);
    }
  }

  @Override
  public void close() {
    if (!socket.isClosed()) {
      socket.close();
    }
    client.close();
  }
}
