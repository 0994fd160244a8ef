package io.frontdesk.technical;

import io.frontdesk.toolgate.ToolOutput;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What get_service_logs returns: lines at or after {@code since}, oldest first; {@code truncated}
 * when older lines in the window were left out to keep the newest ones.
 */
@RegisterForReflection
public record ServiceLogs(
    String serviceId,
    String name,
    OffsetDateTime since,
    OffsetDateTime newestLogAt,
    boolean truncated,
    List<LogLine> lines)
    implements ToolOutput {}
