package io.frontdesk.toolgate;

import io.frontdesk.turn.Caller;
import io.frontdesk.turn.RunningTurn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One tool call as it passes the gate: what was asked (tool, the model's arguments and call id),
 * for whom (the caller, the conversation, the turn), and what the steps decided so far. Tools see
 * it through {@link ToolCalls#current()}.
 */
public final class GateCall {

  private final ToolDescriptor tool;
  private final Map<String, Object> arguments;
  private final String callId;
  private final Caller caller;
  private final String agent;
  private final UUID conversationId;
  private final RunningTurn turn;
  private final ApprovalGrant grant;
  private final List<String> trail = new ArrayList<>();
  private double confidence = 1.0;
  private String idempotencyKey;
  private boolean audited;
  private boolean entered;
  private RunningTurn.RunningTool running;
  private Long journaled;

  GateCall(
      ToolDescriptor tool,
      Map<String, Object> arguments,
      String callId,
      Caller caller,
      String agent,
      UUID conversationId,
      RunningTurn turn,
      ApprovalGrant grant) {
    this.tool = tool;
    this.arguments = arguments;
    this.callId = callId;
    this.caller = caller;
    this.agent = agent;
    this.conversationId = conversationId;
    this.turn = turn;
    this.grant = grant;
  }

  public ToolDescriptor tool() {
    return tool;
  }

  /** The arguments as the model wrote them (or as an approved call stored them). */
  public Map<String, Object> arguments() {
    return arguments;
  }

  /** The model's id for this call, when it came from a model message. */
  public String callId() {
    return callId;
  }

  public Caller caller() {
    return caller;
  }

  /** The agent that made the call. */
  public String agent() {
    return agent;
  }

  public UUID conversationId() {
    return conversationId;
  }

  /** The turn making the call; null for an approved call run after its turn ended. */
  public RunningTurn turn() {
    return turn;
  }

  /** Set when a human approved exactly this call. */
  public ApprovalGrant grant() {
    return grant;
  }

  public double confidence() {
    return confidence;
  }

  void confidence(double value) {
    confidence = value;
  }

  /** The key under which a side effect runs once (null for read-only tools). */
  public String idempotencyKey() {
    return idempotencyKey;
  }

  void idempotencyKey(String key) {
    idempotencyKey = key;
  }

  /** Why the gate decided as it did, step by step, for the audit log. */
  void note(String step) {
    trail.add(step);
  }

  String trail() {
    return String.join("; ", trail);
  }

  boolean audited() {
    return audited;
  }

  void markAudited() {
    audited = true;
  }

  /** The turn's record of this call while it runs (null outside a turn). */
  public RunningTurn.RunningTool running() {
    return running;
  }

  void running(RunningTurn.RunningTool tool) {
    running = tool;
  }

  /**
   * The id of the record the {@link EffectJournal} keeps of this side effect, or null: a call
   * written down as it ran is not stored again when its turn ends.
   */
  public Long journaled() {
    return journaled;
  }

  void journaled(Long id) {
    journaled = id;
  }

  /** True the first time the tool's own code is entered for this call. */
  boolean enter() {
    if (entered) {
      return false;
    }
    entered = true;
    return true;
  }
}
