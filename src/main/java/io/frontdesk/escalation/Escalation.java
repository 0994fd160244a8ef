package io.frontdesk.escalation;

import io.frontdesk.turn.EscalationReason;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a human needs to pick a conversation up: the ticket's context package. The summary is
 * kept to {@value #MAX_SUMMARY_CHARS} characters on one line, whatever the model wrote; {@code
 * language} is the customer's (ISO 639-1), so the person who answers knows it.
 */
public record Escalation(
    UUID conversationId,
    String customerId,
    String tier,
    String agent,
    EscalationReason reason,
    String summary,
    String category,
    double confidence,
    List<Map<String, Object>> toolTrace,
    String language) {

  /** The longest summary a ticket keeps (the prompt asks the agent for one sentence). */
  public static final int MAX_SUMMARY_CHARS = 500;

  public Escalation {
    String line = summary == null ? "" : summary.strip().replaceAll("\\s+", " ");
    summary =
        line.length() <= MAX_SUMMARY_CHARS
            ? line
            : line.substring(0, MAX_SUMMARY_CHARS - 1).stripTrailing() + "…";
  }

  /** Enterprise customers jump the queue; a customer asking for a person is never left waiting. */
  String priority() {
    if (reason == EscalationReason.CUSTOMER_REQUEST || "enterprise".equals(tier)) {
      return "high";
    }
    return "pro".equals(tier) ? "normal" : "low";
  }
}
