package io.frontdesk.conversation;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One tool call made during a turn, as the tool gate saw it; status is succeeded, failed, denied or
 * pending_approval.
 */
public record ToolRecord(
    String agent,
    String tool,
    Map<String, Object> arguments,
    boolean success,
    Object result,
    String error,
    long durationMs,
    OffsetDateTime at,
    String status) {

  public ToolRecord(
      String agent,
      String tool,
      Map<String, Object> arguments,
      boolean success,
      Object result,
      String error,
      long durationMs,
      OffsetDateTime at) {
    this(
        agent,
        tool,
        arguments,
        success,
        result,
        error,
        durationMs,
        at,
        success ? "succeeded" : "failed");
  }
}
