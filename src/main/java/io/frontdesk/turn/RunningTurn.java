package io.frontdesk.turn;

import dev.langchain4j.memory.ChatMemory;
import io.opentelemetry.api.trace.Span;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The turn in flight, as the parts below the engine see it. The engine hands it down as the agents'
 * memory id, so the gate, the tools, the memory provider and the offline model receive it through
 * the call they are in (langchain4j passes the memory id to each) and never look a turn up.
 * Identity and permissions come from here, never from what the model wrote.
 */
public interface RunningTurn {

  UUID conversationId();

  UUID turnId();

  /** Who the turn acts for: the authenticated customer, their tier (from the database), roles. */
  Caller caller();

  /** The agent answering now. */
  String agent();

  /** Where the router placed the customer's message. */
  Route route();

  /**
   * The input guards asked for care ({@code GuardCheck.care()}): the customer is upset or swears at
   * the situation, not at a person. The answer acknowledges it and offers a person.
   */
  default boolean care() {
    return false;
  }

  /**
   * The customer's language (ISO 639-1) as the conversation follows it: what the notices they read
   * and the agents' answers are written in.
   */
  String language();

  /** The customer's language by its English name ("French"), as the agents' prompts say it. */
  default String languageName() {
    String code = language() == null ? "en" : language();
    String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
    return name.isEmpty() ? code : name;
  }

  /**
   * The memory the agent works from: the conversation's window, or a workflow step's own scratch
   * memory for a {@link #scoped} turn.
   */
  ChatMemory memory();

  /**
   * The same turn working from a scratch memory of its own (a workflow step sees its input only).
   */
  RunningTurn scoped(String scope);

  /** Set once no tool may start any more (null while the turn runs). */
  StopReason stopped();

  /** Every tool call the gate recorded in this turn, in order. */
  List<ToolRecord> tools();

  /** The gate records a call's outcome. */
  void record(ToolRecord record);

  /**
   * The gate starts a tool call, unless the turn is stopped ({@link TurnStopped} then): checked and
   * counted at once, so no tool starts after the engine stopped the turn. {@code callId} is the
   * model's id for the call, or null for a call Frontdesk makes itself.
   */
  RunningTool toolStarted(String callId, String tool, Map<String, Object> arguments);

  /** The gate finished a tool call, whatever its outcome. */
  void toolEnded(RunningTool call);

  /**
   * A running side effect was written down with its conversation as it started: the turn's ending
   * stores no record of it, whatever becomes of it.
   */
  void markJournaled(RunningTool call);

  /** A guard triggered inside a tool call; the engine streams it at its next step. */
  void guarded(TurnEvent.Guard event);

  /** The turn's span: the parent of its tools' and gate steps' spans. */
  Span span();

  /** Hands the turn to a human: the agent does not run, and the turn ends in a ticket. */
  void handToHuman(EscalationReason reason, String summary, String explanation);

  /**
   * A tool call the gate is running: the model's id for the call (or one the memory gave it) and
   * how many calls were recorded before it, so its record can be found when it ends.
   */
  record RunningTool(String callId, String tool, Map<String, Object> arguments, int before) {}
}
