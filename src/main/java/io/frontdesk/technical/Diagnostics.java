package io.frontdesk.technical;

import io.frontdesk.toolgate.ToolOutput;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What run_diagnostics returns. The verdict is {@code stopped} for a service its owner stopped,
 * otherwise {@code unhealthy} when a check fails, {@code degraded} when one warns, else {@code
 * healthy}; {@code asOf} is the time the checks are measured at (the newest log line).
 */
@RegisterForReflection
public record Diagnostics(
    String serviceId,
    String name,
    String status,
    String verdict,
    List<DiagnosticCheck> checks,
    String recommendedAction,
    OffsetDateTime asOf)
    implements ToolOutput {}
