package io.frontdesk.conversation;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * What one WebSocket connection still has to write: every frame counts its bytes until the socket
 * took it, and a client that stops reading is closed (1008) once {@code limit} bytes wait, so a
 * slow client never grows the server's memory without bound.
 */
public final class Outbox {

  private static final Logger LOG = Logger.getLogger(Outbox.class);

  /** Policy violation: the client does not read what it asked for. */
  public static final int TOO_SLOW = 1008;

  private final WebSocketConnection connection;
  private final long limit;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  private final Runnable onTooSlow;

  /**
   * @param onTooSlow counts a connection closed because its client did not read
   */
  public Outbox(WebSocketConnection connection, long limit, Runnable onTooSlow) {
    this.connection = connection;
    this.limit = limit;
    this.onTooSlow = onTooSlow;
  }

  /** Sends one text frame, or closes the connection when the client is too far behind. */
  public void send(String text) {
    if (closed.get()) {
      return;
    }
    long size = text.getBytes(StandardCharsets.UTF_8).length;
    long waiting = pending.addAndGet(size);
    if (waiting > limit) {
      pending.addAndGet(-size);
      if (!closed.get()) {
        onTooSlow.run();
      }
      close(
          TOO_SLOW,
          "client too slow: %d bytes unread (limit %d); reconnect and resume"
              .formatted(waiting - size, limit));
      return;
    }
    connection
        .sendText(text)
        .subscribe()
        .with(ok -> pending.addAndGet(-size), failure -> pending.addAndGet(-size));
  }

  /** Bytes handed to the connection and not yet written to the socket. */
  public long pending() {
    return pending.get();
  }

  /** Closes once with a status and a reason the client can show; later sends are dropped. */
  public void close(int code, String reason) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    LOG.debugf("Closing WebSocket %s: %d %s", connection.id(), code, reason);
    connection
        .close(new CloseReason(code, reason))
        .subscribe()
        .with(ok -> {}, failure -> LOG.debugf("Close of %s failed: %s", connection.id(), failure));
  }

  public boolean closed() {
    return closed.get() || connection.isClosed();
  }
}
