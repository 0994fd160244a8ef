package io.frontdesk.toolgate;

import java.util.UUID;

/**
 * A human's approval of one stored call: the gate runs exactly that call, once, under the key its
 * request was stored with.
 */
public record ApprovalGrant(UUID approvalId, String reviewer, String idempotencyKey) {}
