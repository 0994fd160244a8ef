package io.frontdesk.technical;

import java.time.OffsetDateTime;

/** One log line of a service. */
public record LogLine(OffsetDateTime at, String level, String message) {}
