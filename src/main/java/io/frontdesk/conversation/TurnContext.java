package io.frontdesk.conversation;

import dev.langchain4j.data.message.ChatMessage;
import io.frontdesk.agent.routing.Route;
import io.frontdesk.agent.routing.RoutedMessage;
import io.frontdesk.toolgate.Caller;
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
public final class TurnContext {

  private final UUID conversationId;
  private final UUID turnId;
  private final Caller caller;
  private final int maxRounds;
  private final ConversationMemory memory;
  private final List<ToolRecord> tools = new ArrayList<>();
  private final Map<String, ConversationMemory> scratch = new ConcurrentHashMap<>();
  private final List<TurnEvent.Guard> guardEvents = new ArrayList<>();
  private final List<TurnEvent.Guard> unsent = new ArrayList<>();
  private final AtomicInteger rounds = new AtomicInteger();
  private final AtomicInteger handoffs = new AtomicInteger();
  private final long startedNanos = System.nanoTime();
  private volatile String agent;
  private volatile StopReason stop;
  private volatile RoutedMessage routed = RoutedMessage.unknown();

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

  public UUID conversationId() {
    return conversationId;
  }

  public UUID turnId() {
    return turnId;
  }

  /** Who this turn acts for: the authenticated customer, their tier (from the database), roles. */
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

  public String agent() {
    return agent;
  }

  void routed(RoutedMessage message) {
    routed = message;
  }

  /** The customer's message as a vector, embedded once for the turn (null if that failed). */
  public float[] messageVector() {
    return routed.vector();
  }

  /** Where the router placed the customer's message. */
  public Route route() {
    return routed.route();
  }

  /** Another agent (or a workflow) takes over the turn; returns the handoffs made so far. */
  int handOffTo(String target) {
    agent = target;
    return handoffs.incrementAndGet();
  }

  public int handoffs() {
    return handoffs.get();
  }

  public ConversationMemory memory() {
    return memory;
  }

  /** The prompt of the agent answering now, for the prompt-leak guard (null before the first). */
  String systemPrompt() {
    return memory.systemPrompt();
  }

  /**
   * The memory for a memory id: the conversation's own, or a scoped scratch memory (a workflow step
   * works from its input alone, not from the whole conversation).
   */
  public ConversationMemory memoryFor(Object memoryId) {
    String id = String.valueOf(memoryId);
    if (id.equals(conversationId.toString())) {
      return memory;
    }
    return scratch.computeIfAbsent(
        id, k -> new ConversationMemory(conversationId, List.of(), this::countRound));
  }

  /** The model answered with tool calls: one more round trip; the last allowed one stops here. */
  void countRound() {
    if (rounds.incrementAndGet() >= maxRounds) {
      stop(StopReason.ITERATION_LIMIT);
    }
  }

  /** Wall time since the turn opened. */
  java.time.Duration elapsed() {
    return java.time.Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  public int rounds() {
    return rounds.get();
  }

  void stop(StopReason reason) {
    if (stop == null) {
      stop = reason;
    }
  }

  /** Set once the turn must not run more tools. */
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
