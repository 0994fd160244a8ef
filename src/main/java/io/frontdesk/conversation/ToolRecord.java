package io.frontdesk.conversation;

import java.time.OffsetDateTime;
import java.util.Map;

/** One tool call made during a turn, as the tool gate saw it. */
public record ToolRecord(
    String agent,
    String tool,
    Map<String, Object> arguments,
    boolean success,
    Object result,
    String error,
    long durationMs,
    OffsetDateTime at) {}
