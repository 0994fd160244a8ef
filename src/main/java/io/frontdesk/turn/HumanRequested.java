package io.frontdesk.turn;

/** The agent asked for a human colleague (the escalate_to_human tool). */
public final class HumanRequested extends TurnControl {

  private final String summary;

  public HumanRequested(String summary) {
    super("escalate to human");
    this.summary = summary;
  }

  public String summary() {
    return summary;
  }
}
