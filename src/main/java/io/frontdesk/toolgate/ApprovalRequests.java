package io.frontdesk.toolgate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Where the gate files a call that needs a human (implemented by the approval feature). */
public interface ApprovalRequests {

  /**
   * Stores the call as a pending approval under its idempotency key and notifies reviewers, in one
   * transaction; the same call already waiting (asked again while pending) answers that request.
   */
  Pending request(GateCall call, String idempotencyKey, String policy, List<String> reasons);

  /** A stored request: its id, what the customer is told, and when it expires. */
  record Pending(UUID id, String notice, OffsetDateTime expiresAt) {}
}
