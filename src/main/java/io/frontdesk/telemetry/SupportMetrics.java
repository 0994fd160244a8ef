package io.frontdesk.telemetry;

import io.frontdesk.turn.EscalationReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;

/**
 * The support KPIs beyond the turn itself (names in README "Metrics"): escalations by a fixed
 * reason set, handoffs, gate decisions per tool, approvals and how long they waited, tokens and
 * their estimated cost. Every series of a fixed set is registered at zero, so dashboards show it
 * before it first happens.
 */
@ApplicationScoped
public class SupportMetrics {

  /** What became of an approval request. */
  public static final List<String> APPROVAL_OUTCOMES =
      List.of("requested", "approved", "rejected", "expired");

  private final MeterRegistry registry;
  private final ModelPrices prices;

  SupportMetrics(MeterRegistry registry, ModelPrices prices) {
    this.registry = registry;
    this.prices = prices;
  }

  void register(@Observes StartupEvent start) {
    for (EscalationReason reason : EscalationReason.values()) {
      escalations(reason.code());
    }
    for (String kind : List.of("first_response", "resolution")) {
      for (String tier : List.of("free", "pro", "enterprise")) {
        slaBreaches(kind, tier);
      }
    }
    for (String outcome : APPROVAL_OUTCOMES) {
      approvals(outcome);
      if (!outcome.equals("requested")) {
        approvalWait(outcome);
      }
    }
  }

  /** A ticket opened for this reason. */
  public void escalated(String reason) {
    escalations(reason).increment();
  }

  /** An open ticket missed its first-response or resolution target ({@code kind}). */
  public void slaBreached(String kind, String tier) {
    slaBreaches(kind, tier).increment();
  }

  private Counter slaBreaches(String kind, String tier) {
    return registry.counter("frontdesk.sla.breaches", "kind", kind, "tier", String.valueOf(tier));
  }

  /** The conversation went from one agent to another within a turn. */
  public void handoff(String from, String to) {
    registry
        .counter("frontdesk.handoffs", "from", String.valueOf(from), "to", String.valueOf(to))
        .increment();
  }

  /** The tool gate decided on a call (executed, denied, approval_required, failed, ...). */
  public void toolDecision(String tool, String decision) {
    registry
        .counter("frontdesk.tool.decisions", "tool", tool, "decision", String.valueOf(decision))
        .increment();
  }

  /** An approval was requested (wait null) or ended after waiting {@code waited}. */
  public void approval(String outcome, Duration waited) {
    approvals(outcome).increment();
    if (waited != null) {
      approvalWait(outcome).record(waited.isNegative() ? Duration.ZERO : waited);
    }
  }

  /** Tokens a model call used, and their estimated price. */
  public void tokens(String agent, String model, long input, long output) {
    String m = model == null ? "unknown" : model;
    registry
        .counter("frontdesk.model.tokens", "agent", agent, "model", m, "direction", "input")
        .increment(input);
    registry
        .counter("frontdesk.model.tokens", "agent", agent, "model", m, "direction", "output")
        .increment(output);
    double cost = prices.cost(m, input, output);
    if (cost > 0) {
      registry.counter("frontdesk.model.cost.usd", "agent", agent, "model", m).increment(cost);
    }
  }

  private Timer approvalWait(String outcome) {
    return Timer.builder("frontdesk.approval.wait")
        .description("How long an approval waited for its reviewer (or its expiry)")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(registry);
  }

  private Counter escalations(String reason) {
    return Counter.builder("frontdesk.escalations")
        .description("Tickets opened, by escalation reason")
        .tag("reason", reason)
        .register(registry);
  }

  private Counter approvals(String outcome) {
    return Counter.builder("frontdesk.approvals")
        .description("Approval requests and how they ended")
        .tag("outcome", outcome)
        .register(registry);
  }
}
