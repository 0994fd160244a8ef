package io.frontdesk.turn;

import java.util.Optional;

/**
 * How a tool call changes the course of the turn: it waits for a person's approval, another agent
 * takes over, the customer is handed to a person, or the turn stopped. langchain4j lets only an
 * exception leave its tool loop, so a tool throws one of these; it passes through the agent to the
 * engine, which finds it with {@link #in} and turns it into the turn's outcome in one place. It is
 * never shown to the model as a tool error.
 */
public abstract sealed class TurnControl extends RuntimeException
    permits ApprovalPending, Handoff, HumanRequested, TurnStopped {

  protected TurnControl(String message) {
    super(message, null, false, false);
  }

  /**
   * The control a failure carries: langchain4j and Mutiny may wrap the exception a tool threw, so
   * its causes are searched too.
   */
  public static Optional<TurnControl> in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TurnControl control) {
        return Optional.of(control);
      }
    }
    return Optional.empty();
  }
}
