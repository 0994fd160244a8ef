package io.frontdesk.toolgate;

import io.frontdesk.turn.ApprovalPending;
import io.frontdesk.turn.RunningTurn;
import io.frontdesk.turn.ToolRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Step 4: may this call run without a person? First the tier's limits (a refund above the tier's
 * cap always needs one), then the approval policies: the first whose tool glob matches decides —
 * explicit approval, or automatic when the call's confidence and risk are within the policy. No
 * matching policy: a human approves. A call that needs approval is stored and the turn ends.
 */
@ApplicationScoped
class ApprovalPolicyStep implements GateStep {

  private final ApprovalConfig approvals;
  private final ToolGateConfig tiers;
  private final ApprovalRequests requests;
  private final ToolExecutions executions;

  ApprovalPolicyStep(
      ApprovalConfig approvals,
      ToolGateConfig tiers,
      ApprovalRequests requests,
      ToolExecutions executions) {
    this.approvals = approvals;
    this.tiers = tiers;
    this.requests = requests;
    this.executions = executions;
  }

  @Override
  public void check(GateCall call) {
    if (call.tool().control()) {
      return;
    }
    call.confidence(confidence(call.turn()));
    if (call.grant() != null) {
      call.note(
          "approved by "
              + call.grant().reviewer()
              + " (approval "
              + call.grant().approvalId()
              + ")");
      return;
    }
    String key = call.tool().sideEffect() ? IdempotencyKeys.of(call) : null;
    if (key != null && executions.executed(key)) {
      // nothing will run again: the copy is answered from the record, no reviewer needed
      call.note("already executed under its idempotency key; replayed without approval");
      return;
    }
    Decision decision = decide(call);
    if (decision.reasons().isEmpty()) {
      call.note("auto-approved by policy " + decision.policy());
      return;
    }
    ApprovalRequests.Pending pending =
        requests.request(call, key, decision.policy(), decision.reasons());
    call.note("needs approval: " + String.join("; ", decision.reasons()));
    throw new ApprovalPending(
        pending.id(), call.tool().name(), call.callId(), pending.notice(), pending.expiresAt());
  }

  /** The policy that matched (or none) and why a human is needed (empty: runs automatically). */
  record Decision(String policy, List<String> reasons) {}

  Decision decide(GateCall call) {
    List<String> reasons = new ArrayList<>(overLimits(call));
    String tool = call.tool().name();
    for (ApprovalConfig.Policy p : approvals.policies()) {
      if (!Globs.matches(p.tool(), tool)) {
        continue;
      }
      if (p.requireExplicit()) {
        reasons.add("policy %s requires explicit approval".formatted(p.name()));
      } else if (call.confidence() < p.minConfidence()) {
        reasons.add(
            "confidence %.2f is below policy %s's %.2f"
                .formatted(call.confidence(), p.name(), p.minConfidence()));
      } else if (call.tool().risk().exceeds(RiskLevel.of(p.maxRisk()))) {
        reasons.add(
            "risk %s is above policy %s's %s"
                .formatted(call.tool().risk().code(), p.name(), p.maxRisk()));
      }
      return new Decision(p.name(), reasons);
    }
    reasons.add("no approval policy matches " + tool);
    return new Decision(null, reasons);
  }

  private List<String> overLimits(GateCall call) {
    ToolGateConfig.Tier tier = tiers.tiers().get(call.caller().tier());
    if (tier == null) {
      return List.of();
    }
    List<String> over = new ArrayList<>();
    for (Map.Entry<String, BigDecimal> limit : tier.limits().entrySet()) {
      int dot = limit.getKey().lastIndexOf('.');
      if (dot < 0 || !limit.getKey().substring(0, dot).equals(call.tool().name())) {
        continue;
      }
      String argument = limit.getKey().substring(dot + 1);
      BigDecimal value = number(call.arguments().get(argument));
      if (value != null && value.compareTo(limit.getValue()) > 0) {
        over.add(
            "%s %s is above the %s tier's limit of %s"
                .formatted(
                    argument,
                    value.toPlainString(),
                    call.caller().tier(),
                    limit.getValue().toPlainString()));
      }
    }
    return over;
  }

  /**
   * How sure the agent is about this call: the share of its earlier calls in the turn that
   * succeeded (1.0 before any). An agent whose look-ups keep failing is guessing, and its actions
   * go to a human.
   */
  static double confidence(RunningTurn turn) {
    if (turn == null) {
      return 1.0;
    }
    List<ToolRecord> evidence = turn.tools().stream().filter(r -> !r.control()).toList();
    if (evidence.isEmpty()) {
      return 1.0;
    }
    return (double) evidence.stream().filter(ToolRecord::success).count() / evidence.size();
  }

  private static BigDecimal number(Object value) {
    try {
      return value == null ? null : new BigDecimal(value.toString().strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
