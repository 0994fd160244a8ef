package io.frontdesk.conversation;

import dev.langchain4j.data.message.ChatMessage;
import io.frontdesk.agent.routing.RoutedMessage;
import io.frontdesk.turn.Caller;
import io.frontdesk.turn.EscalationReason;
import io.frontdesk.turn.Route;
import io.frontdesk.turn.RunningTurn;
import io.frontdesk.turn.StopReason;
import io.frontdesk.turn.ToolRecord;
import io.frontdesk.turn.TurnEvent;
import io.frontdesk.turn.TurnStopped;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state of one turn in flight: who the customer is (from authentication, never from the model),
 * the memory the agent sees, and every tool call made. It lives only while the turn runs;
 * everything worth keeping is written to PostgreSQL when the turn ends.
 */
public final class TurnContext implements RunningTurn {

  private final UUID conversationId;
  private final UUID turnId;
  private final Caller caller;
  private final int maxRounds;
  private final ConversationMemory memory;
  private final List<ToolRecord> tools = new ArrayList<>();
  private final Map<String, ScopedTurn> scratch = new ConcurrentHashMap<>();
  private final List<TurnEvent.Guard> guardEvents = new ArrayList<>();
  private final List<TurnEvent.Guard> unsent = new ArrayList<>();
  private final AtomicInteger rounds = new AtomicInteger();
  private final AtomicInteger handoffs = new AtomicInteger();
  private final long startedNanos = System.nanoTime();
  private final Map<String, ToolRecord> recordsByCall = new ConcurrentHashMap<>();
  private final List<RunningTool> running = new ArrayList<>();
  private final java.util.Set<RunningTool> journaled =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private final List<Runnable> onSettled = new ArrayList<>();
  private volatile String agent;
  private volatile StopReason stop;
  private volatile Handover handover;
  private volatile RoutedMessage routed = RoutedMessage.unknown();
  private volatile String modelFailure;
  private volatile Span span = Span.getInvalid();
  private final List<List<String>> handoffPairs = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile java.util.Set<String> readerContacts = java.util.Set.of();

  TurnContext(
      UUID conversationId,
      UUID turnId,
      Caller caller,
      String agent,
      int maxRounds,
      List<ChatMessage> history) {
    this.conversationId = conversationId;
    this.turnId = turnId;
    this.caller = caller;
    this.agent = agent;
    this.maxRounds = maxRounds;
    this.memory = new ConversationMemory(conversationId, history, this::countRound);
  }

  @Override
  public UUID conversationId() {
    return conversationId;
  }

  @Override
  public UUID turnId() {
    return turnId;
  }

  /** Who this turn acts for: the authenticated customer, their tier (from the database), roles. */
  @Override
  public Caller caller() {
    return caller;
  }

  /** The authenticated customer this turn acts for. */
  public String customerId() {
    return caller.customerId();
  }

  public String tier() {
    return caller.tier();
  }

  @Override
  public String agent() {
    return agent;
  }

  /** The customer's own contact details (their e-mail): answers to them keep these unredacted. */
  public java.util.Set<String> readerContacts() {
    return readerContacts;
  }

  TurnContext readerContacts(java.util.Set<String> contacts) {
    readerContacts = java.util.Set.copyOf(contacts);
    return this;
  }

  void routed(RoutedMessage message) {
    routed = message;
  }

  /** The customer's message as a vector, embedded once for the turn (null if that failed). */
  public float[] messageVector() {
    return routed.vector();
  }

  /** Where the router placed the customer's message. */
  @Override
  public Route route() {
    return routed.route();
  }

  /** Another agent (or a workflow) takes over the turn; returns the handoffs made so far. */
  int handOffTo(String target) {
    handoffPairs.add(List.of(agent, target));
    agent = target;
    return handoffs.incrementAndGet();
  }

  /** The handoffs of this turn, each [from, to], in order. */
  public List<List<String>> handoffPairs() {
    return List.copyOf(handoffPairs);
  }

  public int handoffs() {
    return handoffs.get();
  }

  @Override
  public ConversationMemory memory() {
    return memory;
  }

  /** The prompt of the agent answering now, for the prompt-leak guard (null before the first). */
  String systemPrompt() {
    return memory.systemPrompt();
  }

  @Override
  public RunningTurn scoped(String scope) {
    return scratch.computeIfAbsent(scope, s -> new ScopedTurn(this, s));
  }

  /** Every memory id this turn gave out: itself and its scoped views. */
  List<Object> memoryIds() {
    List<Object> ids = new ArrayList<>(scratch.values());
    ids.add(this);
    return ids;
  }

  @Override
  public String toString() {
    return "turn " + turnId + " of conversation " + conversationId;
  }

  /** The model answered with tool calls: one more round trip; the last allowed one stops here. */
  void countRound() {
    if (rounds.incrementAndGet() >= maxRounds) {
      stop(StopReason.ITERATION_LIMIT);
    }
  }

  /** Wall time since the turn opened. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  public int rounds() {
    return rounds.get();
  }

  /** No tool may start from now on; tools already running finish (see {@link #toolsSettled}). */
  synchronized void stop(StopReason reason) {
    if (stop == null) {
      stop = reason;
    }
  }

  /**
   * The gate starts a tool call, unless the turn is stopped: checked and counted at once, so no
   * tool starts after the engine stopped the turn. {@code callId} is the model's id for the call
   * (null for a call Frontdesk makes itself, which is then matched in memory by its tool's name).
   */
  public RunningTool toolStarted(String callId, String tool, Map<String, Object> arguments) {
    // claimed outside this turn's lock: the memory calls into the turn under its own lock
    String id = callId != null ? callId : memory.claim(tool);
    RunningTool call = new RunningTool(id, tool, arguments, tools().size());
    synchronized (this) {
      if (stop != null) {
        throw new TurnStopped(stop);
      }
      running.add(call);
    }
    return call;
  }

  @Override
  public void markJournaled(RunningTool call) {
    synchronized (journaled) {
      journaled.add(call);
    }
  }

  /** Whether the call is written down already (its ending then stores no record of it). */
  boolean journaled(RunningTool call) {
    synchronized (journaled) {
      return journaled.contains(call);
    }
  }

  /** The gate finished a tool call (whatever its outcome). */
  public void toolEnded(RunningTool call) {
    List<ToolRecord> recorded = tools();
    if (call.callId() != null && recorded.size() > call.before()) {
      recordsByCall.put(call.callId(), recorded.get(call.before()));
    }
    List<Runnable> settled = List.of();
    synchronized (this) {
      running.remove(call);
      if (running.isEmpty()) {
        settled = List.copyOf(onSettled);
        onSettled.clear();
      }
    }
    settled.forEach(Runnable::run);
  }

  /**
   * Completes once no tool call is running: a turn is never stored while a tool it started can
   * still change the world. Waits at most {@code grace}; the calls still running then are returned.
   */
  Uni<List<RunningTool>> toolsSettled(Duration grace) {
    synchronized (this) {
      if (running.isEmpty()) {
        // the common case: nothing to wait for, so no timer (a cancelled one stays queued)
        return Uni.createFrom().item(List.of());
      }
    }
    Uni<Void> settled =
        Uni.createFrom()
            .emitter(
                emitter -> {
                  synchronized (this) {
                    if (!running.isEmpty()) {
                      onSettled.add(() -> emitter.complete(null));
                      return;
                    }
                  }
                  emitter.complete(null);
                });
    return settled
        .ifNoItem()
        .after(grace)
        .recoverWithItem((Void) null)
        .map(
            ignored -> {
              synchronized (this) {
                return List.copyOf(running);
              }
            });
  }

  /**
   * What the model is told of a call that has no result in its memory: what the call did if it ran
   * (it ended after the turn stopped), else {@code otherwise} as an error.
   */
  String resultOf(String callId, String otherwise) {
    ToolRecord record = callId == null ? null : recordsByCall.get(callId);
    if (record == null) {
      return new JsonObject().put("error", otherwise).encode();
    }
    return record.success()
        ? Json.encode(record.result())
        : new JsonObject().put("error", record.error()).encode();
  }

  /** Set once the turn must not run more tools. */
  /**
   * The turn goes to a human before any agent answers (an approval was rejected or expired): why,
   * the ticket's summary, and what the customer is told ahead of the ticket notice.
   */
  public record Handover(EscalationReason reason, String summary, String explanation) {}

  /** Hands the turn to a human: the agent does not run, and the turn ends in a ticket. */
  public void handToHuman(EscalationReason reason, String summary, String explanation) {
    handover = new Handover(reason, summary, explanation);
  }

  /** Set when something before the agent gave the turn to a human. */
  public Handover handover() {
    return handover;
  }

  /** The turn's span: the parent of its tools' and gate steps' spans. */
  public Span span() {
    return span;
  }

  void traced(Span span) {
    this.span = span;
  }

  /** The model endpoint could not answer ({@code cause}: rate_limited, timeout, ...). */
  public void modelUnavailable(String cause) {
    modelFailure = cause;
  }

  /** Why the model endpoint could not answer in this turn, or null when it did. */
  public String modelFailure() {
    return modelFailure;
  }

  public StopReason stopped() {
    return stop;
  }

  public void record(ToolRecord record) {
    synchronized (tools) {
      tools.add(record);
    }
  }

  /** A guard triggered during this turn; it is streamed at the next step and persisted. */
  public void guarded(TurnEvent.Guard event) {
    synchronized (guardEvents) {
      guardEvents.add(event);
      unsent.add(event);
    }
  }

  /** A guard event already streamed by the engine; kept for persistence. */
  void record(TurnEvent.Guard event) {
    synchronized (guardEvents) {
      guardEvents.add(event);
    }
  }

  /** Guard events not streamed yet (tool-output guards run inside the tool call). */
  List<TurnEvent> unsentGuardEvents() {
    synchronized (guardEvents) {
      List<TurnEvent> out = List.copyOf(unsent);
      unsent.clear();
      return out;
    }
  }

  List<TurnEvent.Guard> guardEvents() {
    synchronized (guardEvents) {
      return List.copyOf(guardEvents);
    }
  }

  public List<ToolRecord> tools() {
    synchronized (tools) {
      return List.copyOf(tools);
    }
  }
}
