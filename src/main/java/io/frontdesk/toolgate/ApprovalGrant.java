package io.frontdesk.toolgate;

import java.util.UUID;

/** A human's approval of one stored call: the gate runs exactly that call, once. */
public record ApprovalGrant(UUID approvalId, String reviewer) {

  /** The idempotency key of the approved call: one approval, one execution, on any replica. */
  public String idempotencyKey() {
    return "approval:" + approvalId;
  }
}
