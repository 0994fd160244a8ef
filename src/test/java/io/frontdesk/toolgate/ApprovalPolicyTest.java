package io.frontdesk.toolgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.turn.Caller;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The approval policy step on its own: first glob match wins, explicit approval, confidence and
 * risk bounds, no match means a human, and a tier's cap forces a human whatever the policy says.
 */
class ApprovalPolicyTest {

  record Policy(
      String name, String tool, double minConfidence, String maxRisk, boolean requireExplicit)
      implements ApprovalConfig.Policy {}

  record Approvals(List<ApprovalConfig.Policy> policies) implements ApprovalConfig {
    @Override
    public Duration expireAfter() {
      return Duration.ofMinutes(5);
    }

    @Override
    public Duration sweepEvery() {
      return Duration.ofSeconds(15);
    }

    @Override
    public Duration resumeEvery() {
      return Duration.ofSeconds(2);
    }

    @Override
    public boolean notifyReviewers() {
      return false;
    }

    @Override
    public Optional<String> webhookUrl() {
      return Optional.empty();
    }
  }

  record Tier(List<String> tools, Map<String, BigDecimal> limits) implements ToolGateConfig.Tier {}

  record Tiers(Map<String, ToolGateConfig.Tier> tiers) implements ToolGateConfig {
    @Override
    public int maxCallsPerTurn() {
      return 20;
    }

    @Override
    public int maxIdenticalCalls() {
      return 2;
    }
  }

  static final Tiers TIERS =
      new Tiers(
          Map.of(
              "pro",
              new Tier(List.of("*"), Map.of("process_refund.amount", new BigDecimal("100")))));

  static ApprovalPolicyStep step(ApprovalConfig.Policy... policies) {
    return new ApprovalPolicyStep(new Approvals(List.of(policies)), TIERS, null, null);
  }

  static GateCall call(String tool, RiskLevel risk, Map<String, Object> args, double confidence) {
    ToolDescriptor descriptor =
        new ToolDescriptor(tool, risk, ToolRisk.OnceScope.CONVERSATION, Map.of(), null, null, null);
    GateCall call =
        new GateCall(
            descriptor,
            args,
            "call_1",
            new Caller("cus_0006", "pro", Set.of("customer")),
            "billing",
            UUID.randomUUID(),
            null,
            null);
    call.confidence(confidence);
    return call;
  }

  static final ApprovalConfig.Policy SEED_REFUND =
      new Policy("refund-approval", "process_refund", 0.9, "data_modification", true);
  static final ApprovalConfig.Policy SEED_LOOKUP =
      new Policy("lookup-auto-approve", "lookup_*", 0.5, "read_only", false);
  static final ApprovalConfig.Policy TRUSTED_REFUNDS =
      new Policy("trusted-refunds", "process_refund", 0.5, "data_modification", false);

  @Test
  void theSeedPoliciesAutoApproveLookupsAndSendEveryRefundToAHuman() {
    ApprovalPolicyStep seed = step(SEED_REFUND, SEED_LOOKUP);

    var lookup = seed.decide(call("lookup_invoice", RiskLevel.READ_ONLY, Map.of(), 0.8));
    assertEquals("lookup-auto-approve", lookup.policy());
    assertTrue(lookup.reasons().isEmpty());

    var refund =
        seed.decide(call("process_refund", RiskLevel.DATA_MODIFICATION, Map.of("amount", 5), 1.0));
    assertEquals(List.of("policy refund-approval requires explicit approval"), refund.reasons());
  }

  @Test
  void aLookupBelowItsConfidenceOrAboveItsRiskNeedsAHuman() {
    ApprovalPolicyStep seed = step(SEED_LOOKUP);

    assertTrue(
        seed.decide(call("lookup_invoice", RiskLevel.READ_ONLY, Map.of(), 0.4))
            .reasons()
            .getFirst()
            .contains("below"));
    assertTrue(
        seed.decide(call("lookup_thing", RiskLevel.DATA_MODIFICATION, Map.of(), 0.9))
            .reasons()
            .getFirst()
            .contains("above"));
  }

  @Test
  void noMatchingPolicyMeansAHumanApproves() {
    var decision =
        step(SEED_LOOKUP)
            .decide(call("restart_service", RiskLevel.DATA_MODIFICATION, Map.of(), 1.0));

    assertEquals(null, decision.policy());
    assertEquals(List.of("no approval policy matches restart_service"), decision.reasons());
  }

  @Test
  void theFirstMatchingPolicyWins() {
    assertTrue(
        step(TRUSTED_REFUNDS, SEED_REFUND)
            .decide(call("process_refund", RiskLevel.DATA_MODIFICATION, Map.of("amount", 20), 1.0))
            .reasons()
            .isEmpty());
    assertEquals(
        1,
        step(SEED_REFUND, TRUSTED_REFUNDS)
            .decide(call("process_refund", RiskLevel.DATA_MODIFICATION, Map.of("amount", 20), 1.0))
            .reasons()
            .size());
  }

  @Test
  void aRefundAboveTheTierCapNeedsAHumanEvenUnderATrustingPolicy() {
    ApprovalPolicyStep trusting = step(TRUSTED_REFUNDS);

    assertTrue(
        trusting
            .decide(
                call(
                    "process_refund", RiskLevel.DATA_MODIFICATION, Map.of("amount", "100.00"), 1.0))
            .reasons()
            .isEmpty(),
        "at the cap");
    var above =
        trusting.decide(
            call("process_refund", RiskLevel.DATA_MODIFICATION, Map.of("amount", 100.01), 1.0));
    assertEquals(List.of("amount 100.01 is above the pro tier's limit of 100"), above.reasons());
  }
}
