package io.frontdesk.technical;

import io.frontdesk.toolgate.EffectTrace;
import io.frontdesk.toolgate.ToolOutput;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.OffsetDateTime;

/** What restart_service tells the model. */
@RegisterForReflection
public record RestartResult(
    String serviceId,
    String name,
    String previousStatus,
    String status,
    int restartCount,
    OffsetDateTime restartedAt,
    String message)
    implements ToolOutput, EffectTrace {

  /** What the customer reads in the transcript. */
  @Override
  public String trace() {
    return "Service %s (%s) was restarted.".formatted(name, serviceId);
  }
}
