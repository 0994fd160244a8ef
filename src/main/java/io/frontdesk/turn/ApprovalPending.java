package io.frontdesk.turn;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A tool call needs a human's approval: it was stored, reviewers were told, and the turn ends here
 * telling the customer what is pending. The decision resumes the conversation later.
 */
public final class ApprovalPending extends TurnControl {

  private final UUID approvalId;
  private final String tool;
  private final String callId;
  private final String notice;
  private final OffsetDateTime expiresAt;

  public ApprovalPending(
      UUID approvalId, String tool, String callId, String notice, OffsetDateTime expiresAt) {
    super("approval pending for " + tool);
    this.approvalId = approvalId;
    this.tool = tool;
    this.callId = callId;
    this.notice = notice;
    this.expiresAt = expiresAt;
  }

  public UUID approvalId() {
    return approvalId;
  }

  public String tool() {
    return tool;
  }

  /** The model's id for the call, answered in memory so the exchange is complete. */
  public String callId() {
    return callId;
  }

  /** What the customer is told is pending. */
  public String notice() {
    return notice;
  }

  public OffsetDateTime expiresAt() {
    return expiresAt;
  }
}
