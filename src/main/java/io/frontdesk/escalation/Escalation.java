package io.frontdesk.escalation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything a human needs to pick a conversation up: the ticket's context package. */
public record Escalation(
    UUID conversationId,
    String customerId,
    String tier,
    String agent,
    EscalationReason reason,
    String summary,
    String category,
    double confidence,
    List<Map<String, Object>> toolTrace) {

  /** Enterprise customers jump the queue; a customer asking for a person is never left waiting. */
  String priority() {
    if (reason == EscalationReason.CUSTOMER_REQUEST || "enterprise".equals(tier)) {
      return "high";
    }
    return "pro".equals(tier) ? "normal" : "low";
  }
}
