package io.frontdesk.escalation;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A ticket as the API and notifications show it. */
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
    OffsetDateTime createdAt) {

  static String publicId(long number) {
    return "TCK-" + number;
  }
}
