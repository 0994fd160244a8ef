package io.frontdesk.guard;

/** What the pipeline does when a guard triggers. */
public enum GuardAction {
  /** Stop the message: a customer message never reaches the model, an answer is replaced. */
  BLOCK,
  /** Replace the offending spans (PII placeholders, neutralised instructions) and go on. */
  REDACT,
  /** Let the text through unchanged; only the event and the metric record the finding. */
  FLAG,
  /**
   * Let a customer's message through and answer it with care: the customer is upset or swearing at
   * the situation, not at a person, so the turn goes on, its answer acknowledges the frustration
   * and offers a person ({@link GuardCheck#care()}).
   */
  CARE
}
