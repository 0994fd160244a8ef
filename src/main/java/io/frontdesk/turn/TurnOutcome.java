package io.frontdesk.turn;

/**
 * How the agents' work on a turn came out, before the ending decides what is stored and what the
 * customer is told. Set once, by the first thing that ends the work short of an answer; a turn that
 * stopped (time, rounds) keeps its {@link StopReason} on the running turn instead, because a stop
 * can come after an answer was already given.
 */
public sealed interface TurnOutcome {

  /** The agents answered (the ending may still hand the answer to a person on confidence). */
  record Answered() implements TurnOutcome {}

  /**
   * The input guards blocked the customer's message: no agent ran. {@code abuse}: it was aimed at
   * people (a threat, harassment, hate), so a person takes the conversation over at once.
   */
  record InputBlocked(boolean abuse) implements TurnOutcome {}

  /** The customer asked for a person (the router recognised it; no model was called). */
  record CustomerAsked() implements TurnOutcome {}

  /** An agent handed the conversation to a person, with its summary for them. */
  record AgentEscalated(String summary) implements TurnOutcome {}

  /** A tool call waits for a person's approval: the turn ends here. */
  record ApprovalAwaited(ApprovalPending pending) implements TurnOutcome {}

  /** More handoffs than allowed: the agents passed the conversation around. */
  record HandoffLimit() implements TurnOutcome {}

  /** The agents failed (the model, a workflow, an unexpected error). */
  record Failed(Throwable error) implements TurnOutcome {}
}
