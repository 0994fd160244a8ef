package io.frontdesk.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.feed.ConversationFeed;
import io.frontdesk.http.ApiError;
import io.frontdesk.http.BadRequest;
import io.frontdesk.http.ClientMistakes;
import io.frontdesk.http.ErrorMappers;
import io.frontdesk.security.Roles;
import io.frontdesk.security.SessionExpiry;
import io.frontdesk.turn.TurnEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The customer's chat over WebSocket (DESIGN §6): many messages per connection, every turn's events
 * as they happen, and the events of the conversations it follows (approval decided, a human agent
 * joined, replied or left, the ticket resolved) from the feed, wherever they happened — a reconnect
 * resumes by sequence number. The token comes with the upgrade (subprotocol {@code bearer, <jwt>}
 * or {@code ?token=}); without a known customer's token the upgrade is refused ({@link
 * SocketUpgrades}), and the connection closes with {@value SessionExpiry#CLOSE_CODE} when that
 * token expires. A message is admitted as on REST and SSE ({@link TurnAdmission}, inside {@link
 * TurnEngine#run}): a refusal is an error event, then done, and the connection stays open. The
 * socket only decodes and encodes; what it reads or writes goes through {@link ConversationService}
 * and {@link HumanRelay}.
 */
@WebSocket(path = "/ws/chat")
@RolesAllowed(Roles.CUSTOMER)
public class ChatSocket {

  private static final Logger LOG = Logger.getLogger(ChatSocket.class);

  /** Message too big (RFC 6455). */
  static final int TOO_BIG = 1009;

  /**
   * One open connection: whose it is, what it still has to write, what it follows, and the timer
   * that closes it when its token expires.
   */
  private record Session(
      String customerId,
      Outbox outbox,
      Map<UUID, Cancellable> following,
      Map<UUID, Long> typing,
      AtomicInteger turnsRunning,
      AtomicBoolean expired,
      AtomicReference<Runnable> stopExpiry) {}

  /** Close code when this instance stops: the client should reconnect (to another replica). */
  static final int SERVICE_RESTART = 1012;

  static final String RESTARTING =
      "Frontdesk is restarting; reconnect and resume from the last seq you saw";

  static final long TYPING_EVERY_MS = 2000;

  /** Conversations one connection may follow at once (each is a feed subscription). */
  static final int MAX_FOLLOWED = 20;

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private volatile boolean stopping;
  private final TurnEngine engine;
  private final ConversationService conversations;
  private final HumanRelay relay;
  private final ObjectMapper json;
  private final ChatConfig config;
  private final SecurityIdentity identity;
  private final SessionExpiry expiry;
  private final ClientMistakes mistakes;
  private final Refusals refusals;
  private final Counter tooSlow;

  /** Connections of an endpoint closed because their client stopped reading. */
  public static Counter tooSlow(MeterRegistry registry, String endpoint) {
    return registry.counter(
        "frontdesk.websocket.closed", "endpoint", endpoint, "reason", "client_too_slow");
  }

  ChatSocket(
      TurnEngine engine,
      ConversationService conversations,
      HumanRelay relay,
      ObjectMapper json,
      ChatConfig config,
      SecurityIdentity identity,
      SessionExpiry expiry,
      ClientMistakes mistakes,
      Refusals refusals,
      MeterRegistry registry) {
    this.tooSlow = tooSlow(registry, "chat");
    this.engine = engine;
    this.conversations = conversations;
    this.relay = relay;
    this.json = json;
    this.config = config;
    this.identity = identity;
    this.expiry = expiry;
    this.mistakes = mistakes;
    this.refusals = refusals;
  }

  @OnOpen
  void open(WebSocketConnection connection) {
    Session session =
        new Session(
            identity.getPrincipal().getName(),
            new Outbox(connection, config.maxPendingBytes(), this::tooSlow),
            new ConcurrentHashMap<>(),
            new ConcurrentHashMap<>(),
            new AtomicInteger(),
            new AtomicBoolean(),
            new AtomicReference<>());
    session.stopExpiry().set(expiry.atEnd(identity, () -> expired(session)));
    sessions.put(connection.id(), session);
    if (stopping) {
      // connected while this replica drains (before the ingress noticed): go elsewhere
      session.outbox().close(SERVICE_RESTART, RESTARTING);
    }
  }

  @OnTextMessage
  Uni<Void> receive(String raw, WebSocketConnection connection) {
    Session session = sessions.get(connection.id());
    if (session == null) {
      return Uni.createFrom().voidItem();
    }
    if (session.expired().get()) {
      // nothing more is taken on an expired token
      session.outbox().close(SessionExpiry.CLOSE_CODE, SessionExpiry.REASON);
      return Uni.createFrom().voidItem();
    }
    int bytes = raw.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > config.maxMessageBytes()) {
      String reason =
          "message of %d bytes; the limit is %d".formatted(bytes, config.maxMessageBytes());
      mistakes.record("websocket_too_big", "WebSocket /ws/chat closed with 1009: " + reason);
      session.outbox().close(TOO_BIG, reason);
      return Uni.createFrom().voidItem();
    }
    ChatFrame frame;
    try {
      frame = ChatFrame.parse(json, raw);
    } catch (BadRequest bad) {
      sendError(session, ErrorMappers.describe(bad));
      return Uni.createFrom().voidItem();
    }
    switch (frame.type()) {
      case "message" -> message(session, frame);
      case "resume" -> resume(session, frame.conversationId(), frame.after());
      default -> typing(session, frame.conversationId());
    }
    return Uni.createFrom().voidItem();
  }

  @OnClose
  void close(WebSocketConnection connection) {
    Session session = sessions.remove(connection.id());
    if (session != null) {
      session.stopExpiry().get().run();
      session.following().values().forEach(Cancellable::cancel);
    }
  }

  private void tooSlow() {
    tooSlow.increment();
    mistakes.record(
        "websocket_too_slow",
        "WebSocket /ws/chat closed with 1008: the client stopped reading (%d bytes unread)"
            .formatted(config.maxPendingBytes()));
  }

  /**
   * The token this connection opened with is no longer accepted: it closes with {@value
   * SessionExpiry#CLOSE_CODE} now, or once its running turn's events are sent (that message was
   * accepted while the token was valid); no further message is taken.
   */
  private void expired(Session session) {
    session.expired().set(true);
    if (session.turnsRunning().get() == 0) {
      session.outbox().close(SessionExpiry.CLOSE_CODE, SessionExpiry.REASON);
    }
  }

  /** The turn runs to its end whatever the connection does; its events go to this connection. */
  private void message(Session session, ChatFrame frame) {
    if (stopping) {
      session.outbox().close(SERVICE_RESTART, RESTARTING);
      return;
    }
    session.turnsRunning().incrementAndGet();
    UUID conversation = frame.conversationId();
    Uni<Void> followed =
        conversation == null || session.following().containsKey(conversation)
            ? Uni.createFrom().voidItem()
            : conversations
                .findOwned(conversation, session.customerId())
                .chain(
                    conv ->
                        conv == null
                            ? Uni.createFrom().voidItem()
                            : conversations
                                .latestEvent(conversation)
                                .invoke(seq -> follow(session, conversation, seq))
                                .replaceWithVoid());
    followed
        .onItem()
        .transformToMulti(
            ignored ->
                engine.run(
                    new TurnRequest(session.customerId(), conversation, frame.text(), "websocket")))
        // a refused admission (rate limited, invalid text, busy) or a turn that could not open
        .onFailure()
        .recoverWithMulti(
            failure ->
                refusals.notOpened(failure, conversation, session.customerId(), frame.text()))
        .subscribe()
        .with(
            event -> {
              if (event instanceof TurnEvent.TurnStarted started
                  && !session.following().containsKey(started.conversationId())) {
                // a new conversation: its feed starts empty
                follow(session, started.conversationId(), 0);
              }
              send(session, event);
            },
            failure -> {
              LOG.warnf("Chat turn failed: %s", failure);
              turnEnded(session);
            },
            () -> turnEnded(session));
  }

  private void turnEnded(Session session) {
    if (session.turnsRunning().decrementAndGet() > 0) {
      return;
    }
    if (session.expired().get()) {
      session.outbox().close(SessionExpiry.CLOSE_CODE, SessionExpiry.REASON);
    } else if (stopping) {
      session.outbox().close(SERVICE_RESTART, RESTARTING);
    }
  }

  /**
   * The instance stops (SIGTERM): idle connections close at once with 1012 and a reconnect hint; a
   * connection whose turn is still running closes once that turn's events are sent.
   */
  void shuttingDown(@Observes ShuttingDown event) {
    stopping = true;
    sessions
        .values()
        .forEach(
            session -> {
              if (session.turnsRunning().get() == 0) {
                session.outbox().close(SERVICE_RESTART, RESTARTING);
              }
            });
  }

  /** Replays the feed after {@code after}, then follows it live; another customer's is missing. */
  private void resume(Session session, UUID conversation, int after) {
    conversations
        .findOwned(conversation, session.customerId())
        .subscribe()
        .with(
            conv -> {
              if (conv == null) {
                sendError(
                    session,
                    new ApiError("not_found", "no conversation " + conversation + " of yours"));
                return;
              }
              follow(session, conversation, after);
            },
            failure -> sendError(session, ErrorMappers.describe(failure)));
  }

  /**
   * Shown on the console while a human agent holds the conversation (at most one event every
   * {@value #TYPING_EVERY_MS} ms per conversation and connection); otherwise nobody watches.
   */
  private void typing(Session session, UUID conversation) {
    long now = System.currentTimeMillis();
    Long last = session.typing().get(conversation);
    if (last != null && now - last < TYPING_EVERY_MS) {
      return;
    }
    session.typing().put(conversation, now);
    relay
        .showTyping(conversation, session.customerId())
        .subscribe()
        .with(ok -> {}, failure -> LOG.debugf("Typing in %s not shown: %s", conversation, failure));
  }

  private void follow(Session session, UUID conversation, int after) {
    if (!session.following().containsKey(conversation)
        && session.following().size() >= MAX_FOLLOWED) {
      sendError(
          session,
          new ApiError(
              "invalid_request",
              "one connection follows at most %d conversations; open another for %s"
                  .formatted(MAX_FOLLOWED, conversation)));
      return;
    }
    Cancellable previous =
        session
            .following()
            .put(
                conversation,
                conversations
                    .follow(conversation, after)
                    // a connection closed for being too slow stops reading the feed
                    .select()
                    .first(event -> !session.outbox().closed())
                    .subscribe()
                    .with(
                        event ->
                            session
                                .outbox()
                                .send(ConversationFeed.envelope(conversation, event).encode()),
                        failure ->
                            LOG.warnf("Feed of %s stopped: %s", conversation, failure.toString())));
    if (previous != null) {
      previous.cancel();
    }
  }

  private void send(Session session, Object event) {
    try {
      session.outbox().send(json.writeValueAsString(event));
    } catch (JsonProcessingException e) {
      LOG.errorf("Cannot encode %s: %s", event, e);
    }
  }

  private void sendError(Session session, ApiError error) {
    send(session, new TurnEvent.Error(error.error(), error.message()));
  }
}
