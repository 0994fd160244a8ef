package io.frontdesk.conversation;

import java.util.List;
import java.util.UUID;

/**
 * A stored message as the customer's view reads it: who wrote it, the tools it called (by name) and
 * whether it is a line written for the customer about a side effect ({@code trace}).
 */
record TranscriptRow(
    UUID turnId, String role, String agent, String content, List<String> tools, boolean trace) {

  /** A tool call's stored outcome (succeeded, failed, denied, pending_approval) in its turn. */
  record ToolOutcome(UUID turnId, String tool, String status) {}

  /** A decision on an approval, told at the start of the turn that carries it. */
  record Decision(UUID turnId, String decision, String feedback) {}
}
