package io.frontdesk.technical;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.OffsetDateTime;

/** One log line of a service. */
@RegisterForReflection
public record LogLine(OffsetDateTime at, String level, String message) {}
