package io.frontdesk.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Support KPIs from the seed: turns by outcome (resolved, escalated with its reason, refused),
 * their duration, and tool calls by tool and result ({@code /q/metrics}).
 */
@ApplicationScoped
public class TurnMetrics {

  private final MeterRegistry registry;

  TurnMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void turn(TurnContext turn, String outcome, String reason, Duration took) {
    Timer.builder("frontdesk.turns")
        .description("Customer turns by outcome and escalation reason")
        .tag("outcome", outcome)
        .tag("reason", reason == null ? "none" : reason)
        .tag("agent", turn.agent())
        .register(registry)
        .record(took);
    for (ToolRecord call : turn.tools()) {
      registry
          .counter(
              "frontdesk.tool.calls",
              "tool",
              call.tool(),
              "result",
              call.success() ? "success" : "failure")
          .increment();
    }
  }
}
