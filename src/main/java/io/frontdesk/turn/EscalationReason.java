package io.frontdesk.turn;

/** Why a conversation went to a human. */
public enum EscalationReason {
  /** The agent answered "ESCALATE: …". */
  AGENT_REQUEST,
  /** The customer asked for a person. */
  CUSTOMER_REQUEST,
  /** The answer scored below the confidence threshold. */
  LOW_CONFIDENCE,
  /** The agent used up its tool-calling round trips. */
  ITERATION_LIMIT,
  /** Agents handed the conversation around more often than allowed. */
  HANDOFF_LIMIT,
  /** Guards blocked the customer's messages repeatedly. */
  GUARD_BLOCKS,
  /**
   * The customer's message was refused as abuse aimed at people (a threat, harassment, hate): a
   * person reviews the conversation.
   */
  ABUSE,
  /** The turn ran out of time. */
  TIMEOUT,
  /** The agent failed (a model error that is not the endpoint's, or a broken answer). */
  AGENT_ERROR,
  /**
   * The model endpoint was unreachable, throttling, failing or its circuit open, and the offline
   * model could not resolve the message.
   */
  MODEL_UNAVAILABLE,
  /** A reviewer rejected an action the agent asked to take. */
  APPROVAL_REJECTED,
  /** No reviewer decided on an action in time. */
  APPROVAL_EXPIRED,
  /** An approved action could not be carried out. */
  APPROVAL_FAILED,
  /** Without a model endpoint, a message in a language the offline model cannot read. */
  LANGUAGE_UNSUPPORTED;

  public String code() {
    return name().toLowerCase();
  }
}
