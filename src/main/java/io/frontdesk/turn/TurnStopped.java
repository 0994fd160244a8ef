package io.frontdesk.turn;

/** Ends the agent's work on a turn at once. */
public final class TurnStopped extends TurnControl {

  private final StopReason reason;

  public TurnStopped(StopReason reason) {
    super("turn stopped: " + reason.name().toLowerCase());
    this.reason = reason;
  }

  public StopReason reason() {
    return reason;
  }
}
