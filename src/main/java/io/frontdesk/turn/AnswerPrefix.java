package io.frontdesk.turn;

/** How an agent's answer says what it is, read by the engine and the confidence scorer. */
public final class AnswerPrefix {

  private AnswerPrefix() {}

  /**
   * An answer for a human colleague, not the customer: the agent hands the conversation to a person
   * and what follows is the ticket's summary. It is never streamed to the customer.
   */
  public static final String ESCALATE = "ESCALATE:";
}
