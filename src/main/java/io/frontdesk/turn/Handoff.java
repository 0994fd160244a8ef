package io.frontdesk.turn;

/** The active agent transfers the conversation to another agent, which continues the turn. */
public final class Handoff extends TurnControl {

  private final String callId;
  private final String tool;
  private final String target;
  private final String reason;

  public Handoff(String callId, String tool, String target, String reason) {
    super("handoff to " + target);
    this.callId = callId;
    this.tool = tool;
    this.target = target;
    this.reason = reason;
  }

  /** The model's id for the transfer call, answered in memory so the next agent sees a result. */
  public String callId() {
    return callId;
  }

  public String tool() {
    return tool;
  }

  public String target() {
    return target;
  }

  public String reason() {
    return reason;
  }
}
