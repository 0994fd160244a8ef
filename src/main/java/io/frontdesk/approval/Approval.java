package io.frontdesk.approval;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One stored request for a human's approval of a tool call, and how it ended: pending, then
 * approved → executed (or failed), rejected, or expired.
 */
public record Approval(
    UUID id,
    UUID conversationId,
    String customerId,
    String agent,
    String tool,
    Map<String, Object> arguments,
    String summary,
    String risk,
    double confidence,
    String policy,
    String reason,
    String status,
    OffsetDateTime requestedAt,
    OffsetDateTime expiresAt,
    OffsetDateTime decidedAt,
    String decidedBy,
    String feedback,
    String result,
    String error,
    String ticketId,
    OffsetDateTime resumedAt,
    String idempotencyKey) {

  public static final String PENDING = "pending";
  public static final String APPROVED = "approved";
  public static final String REJECTED = "rejected";
  public static final String EXPIRED = "expired";
  public static final String EXECUTED = "executed";
  public static final String FAILED = "failed";

  public boolean pending() {
    return PENDING.equals(status);
  }
}
