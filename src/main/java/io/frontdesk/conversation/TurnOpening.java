package io.frontdesk.conversation;

import dev.langchain4j.data.message.ChatMessage;
import io.frontdesk.account.AccountRepository;
import io.frontdesk.agent.AgentCatalog;
import io.frontdesk.agent.AgentConfig;
import io.frontdesk.feed.ConsoleFeed;
import io.frontdesk.http.Conflict;
import io.frontdesk.http.NotFound;
import io.frontdesk.http.Unauthenticated;
import io.frontdesk.http.Unavailable;
import io.frontdesk.language.CustomerLanguage;
import io.frontdesk.language.Notice;
import io.frontdesk.language.Notices;
import io.frontdesk.security.Roles;
import io.frontdesk.turn.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.TransactionRollbackException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The turn's opening, in one transaction: who the customer is (from the database), which
 * conversation (new, or the customer's own with its turn lock taken), its memory window, and the
 * customer's message stored before anything else happens.
 */
@ApplicationScoped
class TurnOpening {

  private static final Duration LEASE_MARGIN = Duration.ofMinutes(1);

  private final Pool pool;
  private final ConversationRepository conversations;
  private final AccountRepository accounts;
  private final AgentCatalog catalog;
  private final AgentConfig agentConfig;
  private final MemoryConfig memoryConfig;
  private final ConsoleFeed console;
  private final ReopenRepository reopenings;
  private final CustomerLanguage languages;

  TurnOpening(
      Pool pool,
      ConversationRepository conversations,
      AccountRepository accounts,
      AgentCatalog catalog,
      AgentConfig agentConfig,
      MemoryConfig memoryConfig,
      ConsoleFeed console,
      ReopenRepository reopenings,
      CustomerLanguage languages) {
    this.pool = pool;
    this.conversations = conversations;
    this.accounts = accounts;
    this.catalog = catalog;
    this.agentConfig = agentConfig;
    this.memoryConfig = memoryConfig;
    this.console = console;
    this.reopenings = reopenings;
    this.languages = languages;
  }

  /**
   * Opens the turn; fails with 404 (not the customer's conversation), 409 (another turn holds it
   * past the lock wait) or 503 (the database failed: the customer may send the message again).
   * {@code blocked}: the input guards blocked the message, which is stored flagged.
   */
  Uni<TurnContext> open(TurnRequest request, boolean blocked) {
    return read(request)
        .chain(
            read ->
                waitForTurn(request, pool.withTransaction(db -> open(db, request, blocked, read)))
                    .onFailure(TurnOpening::storeFailed)
                    .transform(
                        failure ->
                            new Unavailable(Notices.text(read, Notice.NOT_STORED), failure)));
  }

  /**
   * The language the customer's message is confidently in, read off the event loop before the
   * transaction (null: too short or too close to call; a system note is not the customer's).
   */
  private Uni<String> read(TurnRequest request) {
    return request.system()
        ? Uni.createFrom().nullItem()
        : languages.detectOffLoop(request.message());
  }

  /**
   * Another turn holds the conversation (here or on another replica): the opening, which stored
   * nothing, is tried again until that turn ends or the lock wait is over (then 409). A re-run
   * whose dead turn another replica took over first does not wait: that replica answers it.
   */
  private Uni<TurnContext> waitForTurn(TurnRequest request, Uni<TurnContext> opening) {
    Duration wait = agentConfig.lockWait();
    if (wait.isZero() || wait.isNegative() || request.rerun()) {
      return opening;
    }
    return retryConflict(opening, System.nanoTime() + wait.toNanos(), Duration.ofMillis(100));
  }

  private static Uni<TurnContext> retryConflict(
      Uni<TurnContext> opening, long deadline, Duration delay) {
    return opening
        .onFailure(Conflict.class)
        .recoverWithUni(
            conflict -> {
              if (System.nanoTime() + delay.toNanos() > deadline) {
                return Uni.createFrom().failure(conflict);
              }
              Duration next = delay.multipliedBy(2);
              return Uni.createFrom()
                  .voidItem()
                  .onItem()
                  .delayIt()
                  .by(delay)
                  .chain(
                      () ->
                          retryConflict(
                              opening,
                              deadline,
                              next.compareTo(Duration.ofSeconds(1)) > 0
                                  ? Duration.ofSeconds(1)
                                  : next));
            });
  }

  /** The database failed, not the request: the customer may send the message again. */
  private static boolean storeFailed(Throwable failure) {
    return failure instanceof DatabaseException
        || failure instanceof TransactionRollbackException
        || failure instanceof VertxException
        || failure instanceof NoStackTraceThrowable;
  }

  /**
   * Who, which conversation, what memory; the customer's message is stored before anything (once
   * per turn: a turn opened again finds it, a dead turn's re-run has it already).
   */
  private Uni<TurnContext> open(SqlClient db, TurnRequest request, boolean blocked, String read) {
    UUID turnId = request.turnId() != null ? request.turnId() : UUID.randomUUID();
    return customer(db, request.customerId())
        .chain(
            customer ->
                conversation(db, request, turnId)
                    .chain(
                        conv ->
                            opened(db, request, blocked, turnId, conv, customer)
                                .call(turn -> language(db, turn, conv, read))));
  }

  /**
   * The conversation keeps its language unless this message was confidently in another; a change is
   * stored with the turn's opening.
   */
  private Uni<Void> language(SqlClient db, TurnContext turn, Conversation conv, String read) {
    String language = CustomerLanguage.follow(conv.language(), read);
    turn.language(language);
    return language.equals(conv.language())
        ? Uni.createFrom().voidItem()
        : conversations.language(db, conv.id(), language);
  }

  /** The conversation is the customer's and locked for this turn: its window and the message. */
  private Uni<TurnContext> opened(
      SqlClient db,
      TurnRequest request,
      boolean blocked,
      UUID turnId,
      Conversation conv,
      CustomerRow customer) {
    boolean fresh = request.conversationId() == null;
    // a conversation created in this transaction has no messages yet
    return (fresh
            ? Uni.createFrom().item(List.<StoredMessage>of())
            : conversations.memory(db, conv.id(), memoryFetch()))
        .map(transcript -> window(transcript, turnId, request.message()))
        .call(
            () ->
                fresh
                    // created open with the entry agent a moment ago
                    ? Uni.createFrom().voidItem()
                    : reopenings.open(
                        db,
                        conv.id(),
                        catalog.resume(conv.activeAgent()),
                        !request.system() && !request.rerun()))
        .call(() -> question(db, conv.id(), turnId, request, blocked))
        .map(
            history ->
                new TurnContext(
                        conv.id(),
                        turnId,
                        new Caller(request.customerId(), customer.tier(), Set.of(Roles.CUSTOMER)),
                        catalog.resume(conv.activeAgent()),
                        agentConfig.maxIterations(),
                        history)
                    .readerContacts(customer.contacts())
                    .systemNote(request.system()));
  }

  /** The message the turn answers, stored unless the turn re-runs a stored one. */
  private Uni<Void> question(
      SqlClient db, UUID conversationId, UUID turnId, TurnRequest request, boolean blocked) {
    if (request.rerun()) {
      return Uni.createFrom().voidItem();
    }
    return conversations.appendQuestion(
        db,
        conversationId,
        new StoredMessage(
            turnId,
            "user",
            request.system() ? TurnRequest.SYSTEM_AUTHOR : null,
            request.message(),
            List.of(),
            null,
            null),
        blocked);
  }

  /**
   * Every message costs at least {@link Tokens#PER_MESSAGE} tokens, so no window holds more than
   * this many; one more tells whether older messages were left out.
   */
  private int memoryFetch() {
    return memoryConfig.maxTokens() / Tokens.PER_MESSAGE + 1;
  }

  /** The memory window; the turn's own rows (a turn opened again, a re-run) are left out. */
  private List<ChatMessage> window(List<StoredMessage> recent, UUID turnId, String message) {
    int budget = memoryConfig.maxTokens() - Tokens.message(message);
    boolean cut = recent.size() >= memoryFetch();
    List<StoredMessage> before = recent.stream().filter(m -> !turnId.equals(m.turnId())).toList();
    return MemoryWindow.select(before, budget, cut).stream()
        .map(StoredMessage::toChatMessage)
        .toList();
  }

  /** The customer's tier and own contact details, from the database. */
  private record CustomerRow(String tier, Set<String> contacts) {}

  private Uni<CustomerRow> customer(SqlClient db, String customerId) {
    return accounts
        .forTurn(db, customerId)
        .map(
            found -> {
              var row =
                  found.orElseThrow(() -> new Unauthenticated("unknown customer " + customerId));
              return new CustomerRow(
                  row.tier(), row.email() == null ? Set.of() : Set.of(row.email()));
            });
  }

  /**
   * The conversation, new or the customer's own, with its turn lock taken for {@code turnId} in
   * this transaction (DESIGN §8: one turn at a time per conversation, across replicas).
   */
  private Uni<Conversation> conversation(SqlClient db, TurnRequest request, UUID turnId) {
    if (request.conversationId() == null) {
      return conversations
          .create(
              db,
              request.customerId(),
              request.channel(),
              agentConfig.topology().name().toLowerCase(),
              catalog.entry(),
              turnId,
              lease())
          .call(
              conv -> console.conversationActive(db, conv.id(), conv.customerId(), conv.channel()));
    }
    return conversations
        .findOwned(db, request.conversationId(), request.customerId())
        .onItem()
        .ifNull()
        .failWith(() -> new NotFound("conversation", request.conversationId().toString()))
        .call(
            conv ->
                (request.rerun()
                        ? conversations.takeOverTurn(
                            db, conv.id(), turnId, request.deadReplica(), lease())
                        : conversations.claimTurn(db, conv.id(), turnId, lease()))
                    .invoke(
                        claimed -> {
                          if (!claimed) {
                            throw new Conflict(
                                "a message in this conversation is still being answered");
                          }
                        }));
  }

  /**
   * How long a turn's lock holds without being given back: the turn's time, its wait for running
   * tools, and a margin; after that a replica that died mid-turn no longer blocks the conversation.
   */
  private Duration lease() {
    return agentConfig.timeout().plus(agentConfig.toolGrace()).plus(LEASE_MARGIN);
  }
}
