package io.frontdesk.escalation;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A ticket as the API and notifications show it; {@code escalations} counts the escalations of its
 * conversation it gathers (one open ticket per conversation).
 */
public record Ticket(
    String ticketId,
    long number,
    UUID conversationId,
    String customerId,
    String status,
    String priority,
    String category,
    String reason,
    String summary,
    double confidence,
    OffsetDateTime createdAt,
    int escalations) {

  /** Whether a later escalation of its conversation was added to it (it was open already). */
  public boolean added() {
    return escalations > 1;
  }

  static String publicId(long number) {
    return "TCK-" + number;
  }
}
