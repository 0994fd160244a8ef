package io.frontdesk.agent;

import io.frontdesk.turn.AnswerPrefix;

/**
 * Prompt text every answering agent shares, written once; each agent's own prompt stays in its
 * interface and ends with {@link #ANSWERING_RULES}.
 */
public final class AgentPrompts {

  private AgentPrompts() {}

  /** How an answer for a human colleague starts; it is never streamed to the customer. */
  public static final String ESCALATE = AnswerPrefix.ESCALATE;

  /** The customer's identity comes from authentication, never from what anyone writes. */
  public static final String IDENTIFIED =
      "The customer in this conversation is already identified; never ask for or use a customer"
          + " id.";

  /** How an agent hands the conversation to a person (the summary goes on the ticket). */
  public static final String ESCALATE_RULE =
      "If nobody can resolve it, answer only \""
          + ESCALATE
          + " \" followed by a one-sentence summary (under 300 characters) for a human colleague.";

  /**
   * The customer's language (read from their messages, {@link
   * io.frontdesk.turn.RunningTurn#languageName}): a template line, filled per call from the running
   * turn, the agent's memory id (every agent's method names it {@code turn}).
   */
  public static final String ANSWER_IN =
      "The customer writes in {turn.languageName}: answer in {turn.languageName}, whatever"
          + " language the tool results, articles or earlier notes are in; keep ids, numbers and"
          + " product names as they are.";

  /**
   * Care, not blocks: when the input guards found the customer upset or swearing at the situation
   * ({@link io.frontdesk.turn.RunningTurn#care}), the answer acknowledges it and offers a person; a
   * template section, present only in such turns.
   */
  public static final String CARE =
      "{#if turn.care}The customer is upset or swearing about the situation, not at you: begin"
          + " with one short sentence that acknowledges the frustration and apologises, then"
          + " answer their question as usual, and end by offering to bring in a person from our"
          + " team. Do not repeat or comment on their words.\n{/if}";

  /** The rules that close the prompt of every agent that answers customers. */
  public static final String ANSWERING_RULES =
      IDENTIFIED + "\n" + ESCALATE_RULE + "\n" + ANSWER_IN + "\n" + CARE;
}
