package io.frontdesk.conversation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import io.frontdesk.account.AccountRepository;
import io.frontdesk.agent.AgentCatalog;
import io.frontdesk.agent.AgentConfig;
import io.frontdesk.agent.HandoffTools;
import io.frontdesk.agent.routing.RouteDecision;
import io.frontdesk.agent.routing.RoutePlanner;
import io.frontdesk.agent.routing.RoutedMessage;
import io.frontdesk.agent.routing.Router;
import io.frontdesk.feed.ConsoleFeed;
import io.frontdesk.guard.GuardCheck;
import io.frontdesk.guard.GuardPipeline;
import io.frontdesk.guard.GuardVerdict;
import io.frontdesk.http.Conflict;
import io.frontdesk.http.NotFound;
import io.frontdesk.http.Unauthenticated;
import io.frontdesk.http.Unavailable;
import io.frontdesk.model.ModelCalls;
import io.frontdesk.model.ModelUnavailable;
import io.frontdesk.security.Roles;
import io.frontdesk.telemetry.TurnTracing;
import io.frontdesk.turn.ApprovalPending;
import io.frontdesk.turn.Caller;
import io.frontdesk.turn.Handoff;
import io.frontdesk.turn.StopReason;
import io.frontdesk.turn.TurnEvent;
import io.frontdesk.turn.TurnStopped;
import io.opentelemetry.api.trace.Span;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.TransactionRollbackException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs one customer message through the turn (DESIGN §1): load the conversation and its memory
 * window, let the agent reason and call tools through the gate, decide on escalation, persist, and
 * emit every step as a {@link TurnEvent} on one stream.
 */
@ApplicationScoped
public class TurnEngine {

  static final String NOT_STORED =
      "Your message could not be stored just now; please send it again.";
  private static final Duration LEASE_MARGIN = Duration.ofMinutes(1);

  private final Pool pool;
  private final ConversationRepository conversations;
  private final AccountRepository accounts;
  private final TurnRegistry turns;
  private final AgentCatalog catalog;
  private final TurnFinisher finisher;
  private final WorkflowRunner workflows;
  private final GuardPipeline guards;
  private final AgentConfig agentConfig;
  private final MemoryConfig memoryConfig;
  private final Router router;
  private final RoutePlanner planner;
  private final Deadline deadline;
  private final HumanRelay relay;
  private final ConsoleFeed console;
  private final TurnAdmission admission;
  private final ModelCalls modelCalls;
  private final TurnTracing tracing;

  TurnEngine(
      Pool pool,
      ConversationRepository conversations,
      AccountRepository accounts,
      TurnRegistry turns,
      AgentCatalog catalog,
      TurnFinisher finisher,
      WorkflowRunner workflows,
      GuardPipeline guards,
      AgentConfig agentConfig,
      MemoryConfig memoryConfig,
      Router router,
      RoutePlanner planner,
      Deadline deadline,
      HumanRelay relay,
      ConsoleFeed console,
      TurnAdmission admission,
      ModelCalls modelCalls,
      TurnTracing tracing) {
    this.pool = pool;
    this.conversations = conversations;
    this.accounts = accounts;
    this.turns = turns;
    this.catalog = catalog;
    this.finisher = finisher;
    this.workflows = workflows;
    this.guards = guards;
    this.agentConfig = agentConfig;
    this.memoryConfig = memoryConfig;
    this.router = router;
    this.planner = planner;
    this.deadline = deadline;
    this.relay = relay;
    this.console = console;
    this.admission = admission;
    this.modelCalls = modelCalls;
    this.tracing = tracing;
  }

  /**
   * The turn's events, from turn_started to done. It fails only if the turn could not open (not the
   * customer's conversation, another turn holds it, the database failed); once open it always ends
   * with done. Past the instance's cap on turns in flight it throws {@link
   * io.frontdesk.http.TooManyRequests} at once, before anything is stored.
   */
  public Multi<TurnEvent> run(TurnRequest request) {
    Runnable release = admission.admit(request);
    try {
      return start(request, release).onItem().transformToMulti(events -> events);
    } catch (RuntimeException e) {
      release.run();
      throw e;
    }
  }

  /**
   * Opens the turn — the customer's message stored and the conversation's lock taken, in one
   * transaction — and runs it; completes once it opened, with its events. An opened turn runs to
   * its end even when the client goes away (a closed stream, a cancelled request): what it did is
   * stored and the lock given back.
   */
  private Uni<Multi<TurnEvent>> start(TurnRequest request, Runnable release) {
    Span span = tracing.startTurn(request.channel());
    // a customer's message is embedded once (router, retrieval and guards share the vector); a
    // system note is Frontdesk's own and is not routed
    Uni<RoutedMessage> understood =
        request.system()
            ? Uni.createFrom().item(RoutedMessage.unknown())
            : router.understand(request.message());
    return understood
        .onFailure()
        .invoke(
            failure -> {
              release.run();
              tracing.refused(span, failure);
            })
        .chain(
            routed -> {
              // then the input guards (rules and the heads over that vector): a blocked message is
              // stored flagged and never reaches a model
              GuardCheck input =
                  request.system()
                      ? new GuardCheck(false, request.message(), List.of())
                      : tracing.child(
                          span,
                          "support.input_guards",
                          () -> guards.checkInput(request.message(), routed.vector()));
              if (request.conversationId() == null || request.system() || request.rerun()) {
                return start(request, routed, input, span, release);
              }
              // a human agent who took the conversation over answers it, not the bot (no turn
              // runs: the place in the in-flight cap is given back at once)
              return relay
                  .relayIfTakenOver(request, input.blocked())
                  .onFailure()
                  .invoke(
                      failure -> {
                        release.run();
                        tracing.refused(span, failure);
                      })
                  .invoke(
                      relayed -> {
                        if (relayed != null) {
                          release.run();
                          tracing.relayed(span);
                        }
                      })
                  .onItem()
                  .ifNull()
                  .switchTo(() -> start(request, routed, input, span, release));
            });
  }

  private Uni<Multi<TurnEvent>> start(
      TurnRequest request, RoutedMessage routed, GuardCheck input, Span span, Runnable release) {
    Uni<TurnContext> opened =
        waitForTurn(request, pool.withTransaction(db -> open(db, request, input.blocked())))
            .onFailure(TurnEngine::storeFailed)
            .transform(failure -> new Unavailable(NOT_STORED, failure))
            .invoke(turn -> turn.routed(routed))
            .invoke(turn -> turn.traced(span))
            // registered here once its opening committed: a failed commit leaves nothing behind
            .invoke(turns::start);
    return Uni.createFrom()
        .emitter(
            emitter ->
                // subscribed here, so a client that leaves cannot cancel the turn half-way
                opened
                    .subscribe()
                    .with(
                        turn ->
                            emitter.complete(
                                DetachedStream.run(events(turn, request, input, release))),
                        failure -> {
                          release.run();
                          tracing.refused(span, failure);
                          emitter.fail(failure);
                        }));
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

  /** An opened turn and its message's input-guard check. */
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
  private Uni<TurnContext> open(SqlClient db, TurnRequest request, boolean blocked) {
    UUID turnId = request.turnId() != null ? request.turnId() : UUID.randomUUID();
    boolean fresh = request.conversationId() == null;
    return customer(db, request.customerId())
        .chain(
            customer ->
                conversation(db, request, turnId)
                    .chain(
                        conv ->
                            // a conversation created in this transaction has no messages yet
                            (fresh
                                    ? Uni.createFrom().item(List.<StoredMessage>of())
                                    : conversations.memory(db, conv.id(), memoryFetch()))
                                .map(transcript -> window(transcript, turnId, request.message()))
                                .call(() -> question(db, conv.id(), turnId, request, blocked))
                                .call(
                                    () ->
                                        fresh
                                            // created open with the entry agent a moment ago
                                            ? Uni.createFrom().voidItem()
                                            : conversations.updateState(
                                                db,
                                                conv.id(),
                                                "open",
                                                catalog.resume(conv.activeAgent())))
                                .map(
                                    history ->
                                        new TurnContext(
                                            conv.id(),
                                            turnId,
                                            new Caller(
                                                request.customerId(),
                                                customer.tier(),
                                                Set.of(Roles.CUSTOMER)),
                                            catalog.resume(conv.activeAgent()),
                                            agentConfig.maxIterations(),
                                            history))
                                .map(turn -> turn.readerContacts(customer.contacts()))));
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

  private Multi<TurnEvent> events(
      TurnContext turn, TurnRequest request, GuardCheck input, Runnable release) {
    String message = request.message();
    TurnProgress progress =
        new TurnProgress(new AnswerFilter(guards, turn, () -> turn.systemPrompt()));
    List<TurnEvent> first = new ArrayList<>();
    first.add(new TurnEvent.TurnStarted(turn.conversationId(), turn.turnId(), turn.agent()));
    for (GuardVerdict v : input.triggered()) {
      TurnEvent.Guard event = v.event("input");
      turn.record(event);
      first.add(event);
    }
    Multi<TurnEvent> started = Multi.createFrom().iterable(first);
    Multi<TurnEvent> work;
    if (input.blocked()) {
      progress.inputBlocked = true;
      work = Multi.createFrom().empty();
    } else {
      Multi<TurnEvent> agent =
          Multi.createFrom()
              .deferred(
                  () ->
                      turn.handover() != null
                          ? Multi.createFrom().<TurnEvent>empty()
                          : routed(turn, message, progress));
      work =
          deadline
              .bound(
                  request.prelude() == null
                      ? agent
                      : Multi.createBy().concatenating().streams(prelude(turn, request), agent),
                  agentConfig.timeout(),
                  () -> {
                    // before the agent's stream is cancelled: no tool may start after this
                    turn.stop(StopReason.TIMEOUT);
                    return new TurnStopped(StopReason.TIMEOUT);
                  })
              // the answer being streamed when the agent failed or the time ran out is not kept:
              // the customer sees it taken back
              .onFailure()
              .recoverWithMulti(
                  failure -> {
                    progress.fail(turn, failure);
                    return Multi.createFrom().iterable(progress.withdraw());
                  });
    }
    // a tool the agent started may still be running (the time ran out while it worked): the turn
    // is stored once it has ended, with what it did
    Multi<TurnEvent> end =
        Multi.createFrom()
            .deferred(
                () ->
                    turn.toolsSettled(agentConfig.toolGrace())
                        .chain(unfinished -> finisher.finish(turn, message, progress, unfinished))
                        .onItem()
                        .transformToMulti(list -> Multi.createFrom().iterable(list)));
    TurnEvent.Done[] done = new TurnEvent.Done[1];
    String[] reason = new String[1];
    return Multi.createBy()
        .concatenating()
        .streams(started, work, end)
        .onItem()
        .invoke(
            event -> {
              if (event instanceof TurnEvent.Done d) {
                done[0] = d;
              } else if (event instanceof TurnEvent.Escalated e) {
                reason[0] = e.reason();
              }
            })
        .onTermination()
        .invoke(
            () -> {
              turns.finish(turn);
              release.run();
              tracing.end(turn.span(), summary(turn, done[0], reason[0]));
            });
  }

  private static TurnTracing.TurnSummary summary(
      TurnContext turn, TurnEvent.Done done, String reason) {
    List<String> agents = new ArrayList<>();
    for (List<String> handoff : turn.handoffPairs()) {
      if (agents.isEmpty()) {
        agents.add(handoff.get(0));
      }
      agents.add(handoff.get(1));
    }
    if (agents.isEmpty()) {
      agents.add(turn.agent());
    }
    return new TurnTracing.TurnSummary(
        turn.conversationId().toString(),
        turn.tier(),
        agents,
        turn.route().route(),
        turn.handoffs(),
        done != null && done.resolved(),
        done != null && done.escalated(),
        reason,
        done == null ? 0.0 : done.confidence(),
        turn.elapsed().toMillis(),
        turn.modelFailure());
  }

  /** What a system note runs first (blocking work, e.g. an approved call through the gate). */
  private static Multi<TurnEvent> prelude(TurnContext turn, TurnRequest request) {
    return Multi.createFrom()
        .<List<TurnEvent>>item(() -> request.prelude().apply(turn))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .onItem()
        .transformToIterable(events -> events);
  }

  /**
   * The router's step: a person for a customer who asks for one (no model call), its own reply to
   * smalltalk, straight to the specialist when it is sure (no triage call), else the active agent.
   */
  private Multi<TurnEvent> routed(TurnContext turn, String message, TurnProgress progress) {
    return switch (planner.decide(turn.route(), turn.agent())) {
      case RouteDecision.Human human -> {
        progress.humanRequested = true;
        yield Multi.createFrom().empty();
      }
      case RouteDecision.Reply reply -> {
        progress.routerConfidence = reply.confidence();
        turn.memory().add(AiMessage.from(reply.text()));
        yield Multi.createFrom().iterable(progress.whole(reply.text()));
      }
      case RouteDecision.HandOff handoff ->
          handOff(turn, message, progress, null, handoff.target(), "router");
      case RouteDecision.Agent agent -> runAgent(turn, message, progress);
    };
  }

  /**
   * The active agent works on the message; a handoff continues the same turn with the target agent
   * and the whole memory, and a router that answers instead of routing hands to the fallback agent.
   * Without a model endpoint the offline agent answers in the active agent's name.
   */
  private Multi<TurnEvent> runAgent(TurnContext turn, String message, TurnProgress progress) {
    AgentCatalog.Entry agent =
        turn.modelFailure() != null
            ? catalog.offline(turn.agent())
            : catalog.answering(turn.agent());
    progress.text.silence(agent.router());
    return chat(turn, agent, message)
        .onItem()
        .transformToIterable(event -> translate(turn, progress, event))
        .onCompletion()
        .switchTo(
            () ->
                agent.router()
                    ? handOff(
                        turn,
                        message,
                        progress,
                        null,
                        catalog.fallback(),
                        "triage could not place the question")
                    : Multi.createFrom().empty())
        .onFailure(ModelUnavailable.class)
        .recoverWithMulti(
            failure -> withoutModel(turn, message, progress, (ModelUnavailable) failure))
        .onFailure(failure -> cause(failure, ApprovalPending.class) != null)
        .recoverWithMulti(
            failure -> {
              awaitApproval(turn, progress, cause(failure, ApprovalPending.class));
              return Multi.createFrom().empty();
            })
        .onFailure(failure -> cause(failure, Handoff.class) != null)
        .recoverWithMulti(
            failure -> {
              Handoff handoff = cause(failure, Handoff.class);
              return handOff(turn, message, progress, handoff, handoff.target(), handoff.reason());
            });
  }

  /** The agent's stream; a model endpoint's is guarded (timeout, retries, circuit breaker). */
  private Multi<ChatEvent> chat(TurnContext turn, AgentCatalog.Entry agent, String message) {
    Supplier<Multi<ChatEvent>> call = () -> agent.agent().chat(turn, message);
    return AgentCatalog.callsModel(agent)
        ? modelCalls.call(agent.name(), () -> turn.memory().withdrawCustomerMessage(), call)
        : call.get();
  }

  /**
   * The model endpoint could not answer: the text it streamed of its broken answer is withdrawn,
   * and the offline model answers the rest of the turn in the agent's name (what it cannot resolve
   * becomes a ticket), unless the operator turned that off.
   */
  private Multi<TurnEvent> withoutModel(
      TurnContext turn, String message, TurnProgress progress, ModelUnavailable unavailable) {
    turn.modelUnavailable(unavailable.failure().kind().code());
    Multi<TurnEvent> withdrawn = Multi.createFrom().iterable(progress.withdraw());
    if (!modelCalls.fallsBackOffline()) {
      return Multi.createBy()
          .concatenating()
          .streams(withdrawn, Multi.createFrom().failure(unavailable));
    }
    turn.memory().withdrawCustomerMessage();
    return Multi.createBy().concatenating().streams(withdrawn, runAgent(turn, message, progress));
  }

  private Multi<TurnEvent> handOff(
      TurnContext turn,
      String message,
      TurnProgress progress,
      Handoff call,
      String target,
      String reason) {
    String from = turn.agent();
    if (turn.handoffs() >= agentConfig.maxHandoffs()) {
      progress.handoffLimit = true;
      return Multi.createFrom().empty();
    }
    if (call != null) {
      // every call of the transfer's message gets its result, so the next agent (and the provider)
      // sees a complete exchange; calls after the transfer never ran
      turn.memory()
          .answerOpenToolCalls(
              id ->
                  Objects.equals(id, call.callId())
                      ? "Transferred to " + target
                      : turn.resultOf(
                          id, "not run: the conversation was transferred to " + target + " first"));
    }
    turn.memory().withdrawCustomerMessage();
    turn.handOffTo(target);
    return Multi.createBy()
        .concatenating()
        .streams(
            Multi.createFrom().item(new TurnEvent.HandoffEvent(from, target, reason)),
            target.startsWith(HandoffTools.WORKFLOW)
                ? workflows.run(
                    turn, target.substring(HandoffTools.WORKFLOW.length()), message, progress)
                : runAgent(turn, message, progress));
  }

  /**
   * A call needs a human's approval: the turn ends here. Every call of the model's last message
   * gets a result in memory (the pending one says so; the others did not run), so the transcript
   * holds complete exchanges and the conversation can go on.
   */
  private static void awaitApproval(
      TurnContext turn, TurnProgress progress, ApprovalPending pending) {
    progress.approval = pending;
    turn.memory()
        .answerOpenToolCalls(
            id ->
                id.equals(pending.callId())
                    ? "{\"status\":\"pending_approval\",\"approval_id\":\"%s\",\"message\":\"A human colleague must approve this first; the customer has been told. Do not call it again.\"}"
                        .formatted(pending.approvalId())
                    : "{\"status\":\"not_run\",\"message\":\"The turn ended waiting for an approval; this call did not run.\"}");
  }

  private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static List<TurnEvent> translate(
      TurnContext turn, TurnProgress progress, ChatEvent event) {
    return switch (event) {
      case ChatEvent.PartialResponseEvent p ->
          progress.answer(progress.text.accept(p.getChunk()), false);
      case ChatEvent.IntermediateResponseEvent i ->
          progress.answer(progress.text.endOfResponse(), true);
      case ChatEvent.ToolExecutedEvent t -> {
        List<TurnEvent> events = new ArrayList<>(turn.unsentGuardEvents());
        events.addAll(ToolEvents.of(t));
        yield events;
      }
      case ChatEvent.ChatCompletedEvent c -> {
        progress.answer = c.getChatResponse().aiMessage().text();
        yield progress.answer(progress.text.endOfResponse(), true);
      }
      default -> ToolEvents.of(event);
    };
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
