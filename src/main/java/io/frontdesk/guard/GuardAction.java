package io.frontdesk.guard;

/** What the pipeline does when a guard triggers. */
public enum GuardAction {
  /** Stop the message: a customer message never reaches the model, an answer is replaced. */
  BLOCK,
  /** Replace the offending spans (PII placeholders, neutralised instructions) and go on. */
  REDACT,
  /** Let the text through unchanged; only the event and the metric record the finding. */
  FLAG
}
