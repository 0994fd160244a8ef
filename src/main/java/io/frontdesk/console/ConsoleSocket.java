package io.frontdesk.console;

import io.frontdesk.conversation.ChatConfig;
import io.frontdesk.conversation.ChatSocket;
import io.frontdesk.conversation.Outbox;
import io.frontdesk.feed.ConsoleFeed;
import io.frontdesk.feed.FeedListener;
import io.frontdesk.security.Roles;
import io.frontdesk.security.SessionExpiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The human agents' live console ({@code /ws/console}, role agent): every console event from now on
 * — or after {@code ?after=<seq>} when it reconnects — whichever replica it happened on. The client
 * only listens; what it sends is answered with an error event. The connection closes with {@value
 * SessionExpiry#CLOSE_CODE} when the agent's token expires.
 */
@WebSocket(path = "/ws/console")
@RolesAllowed(Roles.AGENT)
public class ConsoleSocket {

  private static final Logger LOG = Logger.getLogger(ConsoleSocket.class);

  private record Session(Outbox outbox, Cancellable following, Runnable stopExpiry) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final ConsoleFeed feed;
  private final FeedListener listener;
  private final ChatConfig config;
  private final Counter tooSlow;
  private final SecurityIdentity identity;
  private final SessionExpiry expiry;

  ConsoleSocket(
      ConsoleFeed feed,
      FeedListener listener,
      ChatConfig config,
      MeterRegistry registry,
      SecurityIdentity identity,
      SessionExpiry expiry) {
    this.identity = identity;
    this.expiry = expiry;
    this.tooSlow = ChatSocket.tooSlow(registry, "console");
    this.feed = feed;
    this.listener = listener;
    this.config = config;
  }

  @OnOpen
  Uni<Void> open(WebSocketConnection connection, HandshakeRequest handshake) {
    Outbox outbox = new Outbox(connection, config.maxPendingBytes(), tooSlow::increment);
    Runnable stopExpiry =
        expiry.atEnd(identity, () -> outbox.close(SessionExpiry.CLOSE_CODE, SessionExpiry.REASON));
    Long after = after(handshake.query());
    Uni<Long> from = after != null ? Uni.createFrom().item(after) : feed.latest();
    return from.invoke(
            seq -> {
              // where this connection starts: events after it follow; a reconnect passes ?after=
              outbox.send(new JsonObject().put("type", "console_ready").put("seq", seq).encode());
              sessions.put(
                  connection.id(),
                  new Session(
                      outbox,
                      feed.follow(seq, listener.consoleNotifications())
                          .select()
                          .first(event -> !outbox.closed())
                          .subscribe()
                          .with(
                              event -> outbox.send(event.envelope().encode()),
                              failure -> LOG.warnf("Console feed stopped: %s", failure)),
                      stopExpiry));
            })
        .replaceWithVoid();
  }

  @OnTextMessage
  String receive(String message) {
    return new JsonObject()
        .put("type", "error")
        .put("code", "invalid_request")
        .put("message", "the console socket only sends; act through the console API")
        .encode();
  }

  @OnClose
  void close(WebSocketConnection connection) {
    Session session = sessions.remove(connection.id());
    if (session != null) {
      session.stopExpiry().run();
      session.following().cancel();
    }
  }

  private static Long after(String query) {
    if (query == null) {
      return null;
    }
    for (String part : query.split("&")) {
      if (part.startsWith("after=")) {
        try {
          return Math.max(0, Long.parseLong(part.substring(6)));
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }
}
