package io.frontdesk.conversation;

import dev.langchain4j.data.message.ChatMessage;
import io.frontdesk.agent.routing.RoutedMessage;
import io.frontdesk.language.CustomerLanguage;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The state of one turn in flight: who the customer is (from authentication, never from the model),
 * the memory the agent sees, and every tool call made. It lives only while the turn runs;
 * everything worth keeping is written to PostgreSQL when the turn ends.
 *
 * <p>One concurrency rule: the engine, the gate's tool calls (on worker threads) and the memory all
 * touch this state, and every mutable field is guarded by this object's monitor. Nothing is called
 * out of this class while the monitor is held (the memory calls in under its own lock, so the turn
 * never calls the memory under its own).
 */
public final class TurnContext implements RunningTurn {

  private final UUID conversationId;
  private final UUID turnId;
  private final Caller caller;
  private final int maxRounds;
  private final ConversationMemory memory;
  private final long startedNanos = System.nanoTime();

  // guarded by this
  private final List<ToolRecord> tools = new ArrayList<>();
  private final Map<String, ToolRecord> recordsByCall = new HashMap<>();
  private final List<RunningTool> running = new ArrayList<>();
  private final Set<RunningTool> journaled = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<Runnable> onSettled = new ArrayList<>();
  private final Map<String, ScopedTurn> scratch = new LinkedHashMap<>();
  private final List<TurnEvent.Guard> guardEvents = new ArrayList<>();
  private final List<TurnEvent.Guard> unsent = new ArrayList<>();
  private final List<List<String>> handoffPairs = new ArrayList<>();
  private int rounds;
  private String agent;
  private StopReason stop;
  private Handover handover;
  private RoutedMessage routed = RoutedMessage.unknown();
  private String modelFailure;
  private Span span = Span.getInvalid();
  private Set<String> readerContacts = Set.of();
  private String language = CustomerLanguage.DEFAULT;
  private boolean systemNote;
  private boolean care;

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

  @Override
  public synchronized String agent() {
    return agent;
  }

  /** The customer's own contact details (their e-mail): answers to them keep these unredacted. */
  public synchronized Set<String> readerContacts() {
    return readerContacts;
  }

  synchronized TurnContext readerContacts(Set<String> contacts) {
    readerContacts = Set.copyOf(contacts);
    return this;
  }

  @Override
  public synchronized String language() {
    return language;
  }

  synchronized TurnContext language(String language) {
    this.language = language;
    return this;
  }

  /** Whether the turn answers Frontdesk's own note (an approval's outcome), not the customer. */
  synchronized boolean systemNote() {
    return systemNote;
  }

  synchronized TurnContext systemNote(boolean note) {
    this.systemNote = note;
    return this;
  }

  @Override
  public synchronized boolean care() {
    return care;
  }

  synchronized void care(boolean care) {
    this.care = care;
  }

  synchronized void routed(RoutedMessage message) {
    routed = message;
  }

  /** The customer's message as a vector, embedded once for the turn (null if that failed). */
  public synchronized float[] messageVector() {
    return routed.vector();
  }

  /** Where the router placed the customer's message. */
  @Override
  public synchronized Route route() {
    return routed.route();
  }

  /** Another agent (or a workflow) takes over the turn; returns the handoffs made so far. */
  synchronized int handOffTo(String target) {
    handoffPairs.add(List.of(agent, target));
    agent = target;
    return handoffPairs.size();
  }

  /** The handoffs of this turn, each [from, to], in order. */
  public synchronized List<List<String>> handoffPairs() {
    return List.copyOf(handoffPairs);
  }

  public synchronized int handoffs() {
    return handoffPairs.size();
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
  public synchronized RunningTurn scoped(String scope) {
    return scratch.computeIfAbsent(scope, s -> new ScopedTurn(this, s));
  }

  /** Every memory id this turn gave out: itself and its scoped views. */
  synchronized List<Object> memoryIds() {
    List<Object> ids = new ArrayList<>(scratch.values());
    ids.add(this);
    return ids;
  }

  @Override
  public String toString() {
    return "turn " + turnId + " of conversation " + conversationId;
  }

  /** The model answered with tool calls: one more round trip; the last allowed one stops here. */
  synchronized void countRound() {
    if (++rounds >= maxRounds && stop == null) {
      stop = StopReason.ITERATION_LIMIT;
    }
  }

  /** Wall time since the turn opened. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /** No tool may start from now on; tools already running finish (see {@link #toolsSettled}). */
  synchronized void stop(StopReason reason) {
    if (stop == null) {
      stop = reason;
    }
  }

  @Override
  public synchronized StopReason stopped() {
    return stop;
  }

  /**
   * The gate starts a tool call, unless the turn is stopped: checked and counted at once, so no
   * tool starts after the engine stopped the turn. {@code callId} is the model's id for the call
   * (null for a call Frontdesk makes itself, which is then matched in memory by its tool's name).
   */
  @Override
  public RunningTool toolStarted(String callId, String tool, Map<String, Object> arguments) {
    // claimed before this turn's monitor is taken: the memory calls into the turn under its lock
    String id = callId != null ? callId : memory.claim(tool);
    synchronized (this) {
      if (stop != null) {
        throw new TurnStopped(stop);
      }
      RunningTool call = new RunningTool(id, tool, arguments, tools.size());
      running.add(call);
      return call;
    }
  }

  @Override
  public synchronized void markJournaled(RunningTool call) {
    journaled.add(call);
  }

  /** Whether the call is written down already (its ending then stores no record of it). */
  synchronized boolean journaled(RunningTool call) {
    return journaled.contains(call);
  }

  /** The gate finished a tool call (whatever its outcome). */
  @Override
  public void toolEnded(RunningTool call) {
    List<Runnable> settled = List.of();
    synchronized (this) {
      if (call.callId() != null && tools.size() > call.before()) {
        recordsByCall.put(call.callId(), tools.get(call.before()));
      }
      running.remove(call);
      if (running.isEmpty()) {
        settled = List.copyOf(onSettled);
        onSettled.clear();
      }
    }
    // outside the monitor: a waiting engine continues from here
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
        .map(ignored -> runningTools());
  }

  private synchronized List<RunningTool> runningTools() {
    return List.copyOf(running);
  }

  /**
   * What the model is told of a call that has no result in its memory: what the call did if it ran
   * (it ended after the turn stopped), else {@code otherwise} as an error.
   */
  String resultOf(String callId, String otherwise) {
    ToolRecord record;
    synchronized (this) {
      record = callId == null ? null : recordsByCall.get(callId);
    }
    if (record == null) {
      return new JsonObject().put("error", otherwise).encode();
    }
    return record.success()
        ? Json.encode(record.result())
        : new JsonObject().put("error", record.error()).encode();
  }

  /**
   * The turn goes to a human before any agent answers (an approval was rejected or expired): why,
   * the ticket's summary, and what the customer is told ahead of the ticket notice.
   */
  public record Handover(EscalationReason reason, String summary, String explanation) {}

  /** Hands the turn to a human: the agent does not run, and the turn ends in a ticket. */
  @Override
  public synchronized void handToHuman(
      EscalationReason reason, String summary, String explanation) {
    handover = new Handover(reason, summary, explanation);
  }

  /** Set when something before the agent gave the turn to a human. */
  public synchronized Handover handover() {
    return handover;
  }

  /** The turn's span: the parent of its tools' and gate steps' spans. */
  @Override
  public synchronized Span span() {
    return span;
  }

  synchronized void traced(Span span) {
    this.span = span;
  }

  /** The model endpoint could not answer ({@code cause}: rate_limited, timeout, ...). */
  public synchronized void modelUnavailable(String cause) {
    modelFailure = cause;
  }

  /** Why the model endpoint could not answer in this turn, or null when it did. */
  public synchronized String modelFailure() {
    return modelFailure;
  }

  @Override
  public synchronized void record(ToolRecord record) {
    tools.add(record);
  }

  /** A guard triggered during this turn; it is streamed at the next step and persisted. */
  @Override
  public synchronized void guarded(TurnEvent.Guard event) {
    guardEvents.add(event);
    unsent.add(event);
  }

  /** A guard event already streamed by the engine; kept for persistence. */
  synchronized void record(TurnEvent.Guard event) {
    guardEvents.add(event);
  }

  /** Guard events not streamed yet (tool-output guards run inside the tool call). */
  synchronized List<TurnEvent> unsentGuardEvents() {
    List<TurnEvent> out = List.copyOf(unsent);
    unsent.clear();
    return out;
  }

  synchronized List<TurnEvent.Guard> guardEvents() {
    return List.copyOf(guardEvents);
  }

  @Override
  public synchronized List<ToolRecord> tools() {
    return List.copyOf(tools);
  }
}
