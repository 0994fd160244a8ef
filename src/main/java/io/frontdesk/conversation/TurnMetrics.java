package io.frontdesk.conversation;

import io.frontdesk.telemetry.SupportMetrics;
import io.frontdesk.turn.ToolRecord;
import io.frontdesk.turn.TurnEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Support KPIs from the seed: turns by outcome (resolved, escalated with its reason, refused, error
 * when the model could not answer), their duration as a histogram, escalations, handoffs, and tool
 * calls by tool and result ({@code /q/metrics}). A turn that could not reach the model is an {@code
 * error} even though the customer got a ticket: it never counts as an ordinary escalation.
 */
@ApplicationScoped
public class TurnMetrics {

  private final MeterRegistry registry;
  private final SupportMetrics support;

  TurnMetrics(MeterRegistry registry, SupportMetrics support) {
    this.registry = registry;
    this.support = support;
  }

  /** Escalation reasons that are failures of Frontdesk or its model, not of the inquiry. */
  static final Set<String> FAILURES = Set.of("agent_error", "model_unavailable");

  /** The outcome a turn is counted under: a failure's escalation is an error. */
  static String counted(String outcome, String reason) {
    return "escalated".equals(outcome) && FAILURES.contains(reason) ? "error" : outcome;
  }

  /** Counts an ended turn by what its last events said. */
  void ended(TurnContext turn, List<TurnEvent> events) {
    String reason = null;
    String outcome = "refused";
    boolean awaiting = false;
    boolean notSaved = false;
    for (TurnEvent e : events) {
      if (e instanceof TurnEvent.Escalated escalated) {
        reason = escalated.reason();
      } else if (e instanceof TurnEvent.ApprovalRequired) {
        awaiting = true;
      } else if (e instanceof TurnEvent.Error error && error.code().equals("not_saved")) {
        notSaved = true;
      } else if (e instanceof TurnEvent.Done done) {
        outcome =
            done.resolved()
                ? "resolved"
                : done.escalated() ? "escalated" : awaiting ? "awaiting_approval" : "refused";
      }
    }
    // a turn the model could not answer is an error, whatever the customer got instead
    turn(
        turn,
        notSaved ? "not_saved" : turn.modelFailure() != null ? "error" : outcome,
        reason,
        turn.elapsed());
  }

  void turn(TurnContext turn, String outcome, String reason, Duration took) {
    Timer.builder("frontdesk.turns")
        .description("Customer turns by outcome and escalation reason")
        .tag("outcome", counted(outcome, reason))
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
