package io.frontdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's WebSocket side: many {@code /ws/chat} connections from one Vert.x client,
 * each authenticated as a browser does (subprotocol {@code bearer, <jwt>}), and a turn on one.
 */
final class ChatSockets implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  private final WebSocketClient client;
  private final URI base;

  ChatSockets(String base) {
    this.base = URI.create(base);
    this.client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxConnections(1_000_000)
                .setConnectTimeout(30_000)
                .setMaxMessageSize(1 << 20));
  }

  /** Opens a connection as the token's customer; completes when the upgrade is accepted. */
  CompletableFuture<Connection> open(String token) {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost(base.getHost())
            .setPort(base.getPort())
            .setURI("/ws/chat")
            .addSubProtocol("bearer")
            .addSubProtocol(token);
    return client.connect(options).map(Connection::new).toCompletionStage().toCompletableFuture();
  }

  @Override
  public void close() {
    client.close();
    vertx.close();
  }

  /** One open chat connection; it keeps one conversation across its turns. */
  static final class Connection {

    private final WebSocket socket;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private String conversation;

    private Connection(WebSocket socket) {
      this.socket = socket;
      socket.textMessageHandler(received::add);
      socket.closeHandler(ignored -> closed = true);
    }

    /**
     * Sends a message (in this connection's conversation after the first) and takes its events up
     * to {@code done}; the feed's copies (they carry a {@code seq}) are skipped.
     */
    StreamedTurn turn(String text, long startedAt, Duration timeout)
        throws IOException, InterruptedException {
      ObjectNode message = JSON.createObjectNode().put("type", "message").put("text", text);
      if (conversation != null) {
        message.put("conversationId", conversation);
      }
      socket.writeTextMessage(message.toString());
      StreamedTurn turn = new StreamedTurn(startedAt);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!turn.ended()) {
        String raw = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (raw == null) {
          throw new IOException(closed ? "connection closed" : "no done within " + timeout);
        }
        JsonNode event = JSON.readTree(raw);
        if (event.has("seq")) {
          continue;
        }
        if (event.hasNonNull("conversationId")) {
          conversation = event.get("conversationId").asText();
        }
        turn.on(event);
      }
      return turn;
    }

    boolean closed() {
      return closed;
    }

    void close() {
      if (!closed) {
        socket.close();
      }
    }
  }
}
