package io.frontdesk.conversation;

/** Ends the agent's work on a turn at once (it is never shown to the model as a tool error). */
public class TurnStopped extends RuntimeException {

  private final StopReason reason;

  public TurnStopped(StopReason reason) {
    super("turn stopped: " + reason.name().toLowerCase());
    this.reason = reason;
  }

  public StopReason reason() {
    return reason;
  }
}
