package io.frontdesk.conversation;

import io.frontdesk.observability.SupportMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Support KPIs from the seed: turns by outcome (resolved, escalated with its reason, refused, error
 * when the model could not answer), their duration as a histogram, escalations, handoffs, and tool
 * calls by tool and result ({@code /q/metrics}).
 */
@ApplicationScoped
public class TurnMetrics {

  private final MeterRegistry registry;
  private final SupportMetrics support;

  TurnMetrics(MeterRegistry registry, SupportMetrics support) {
    this.registry = registry;
    this.support = support;
  }

  void turn(TurnContext turn, String outcome, String reason, Duration took) {
    Timer.builder("frontdesk.turns")
        .description("Customer turns by outcome and escalation reason")
        .tag("outcome", outcome)
        .tag("reason", reason == null ? "none" : reason)
        .tag("agent", turn.agent())
        .tag("model", turn.modelFailure() == null ? "ok" : turn.modelFailure())
        .publishPercentileHistogram()
        .register(registry)
        .record(took);
    if (reason != null) {
      support.escalated(reason);
    }
    for (List<String> handoff : turn.handoffPairs()) {
      support.handoff(handoff.get(0), handoff.get(1));
    }
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
