package io.frontdesk.turn;

/**
 * Thrown from inside a tool call to change the course of the turn (stop it, hand it to another
 * agent, give it to a human). It passes through the agent to the engine and is never shown to the
 * model as a tool error.
 */
public abstract class TurnControl extends RuntimeException {

  protected TurnControl(String message) {
    super(message, null, false, false);
  }
}
