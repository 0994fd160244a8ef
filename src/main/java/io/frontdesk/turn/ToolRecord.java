package io.frontdesk.turn;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One tool call made during a turn, as the tool gate saw it; status is succeeded, failed, denied or
 * pending_approval. {@code stored}: a side effect written down with its conversation as it ran,
 * which the turn's ending does not store again. {@code control}: a tool that steers the turn (a
 * transfer, a request for a person) rather than looking anything up, so it is no evidence for an
 * answer.
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
    String status,
    boolean stored,
    boolean control) {

  public ToolRecord(
      String agent,
      String tool,
      Map<String, Object> arguments,
      boolean success,
      Object result,
      String error,
      long durationMs,
      OffsetDateTime at,
      String status,
      boolean stored) {
    this(agent, tool, arguments, success, result, error, durationMs, at, status, stored, false);
  }

  public ToolRecord(
      String agent,
      String tool,
      Map<String, Object> arguments,
      boolean success,
      Object result,
      String error,
      long durationMs,
      OffsetDateTime at,
      String status) {
    this(agent, tool, arguments, success, result, error, durationMs, at, status, false);
  }

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
