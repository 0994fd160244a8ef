package io.frontdesk.agent.offline;

import io.frontdesk.knowledge.KnowledgeAnswer;
import java.util.List;
import java.util.Map;

/** The offline model's wording for a feature some plans have: yes or no first, then which plans. */
final class PlanReplies {

  private PlanReplies() {}

  /**
   * @param plan the customer's plan (free, pro, enterprise), or null when it could not be read
   * @param how the passage on using the feature, when their plan has it (else null)
   */
  static String answer(PlanFeatures.Gate gate, String plan, KnowledgeAnswer.Passage how) {
    if (plan == null) {
      return "Only on the " + where(gate.included()) + ".";
    }
    String theirs = OfflineReplies.capitalised(plan);
    String own =
        gate.included().entrySet().stream()
            .filter(e -> e.getKey().equalsIgnoreCase(plan))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    if (own == null) {
      return ("No, not on your %s plan. It is part of the %s. You can change plans under Settings"
              + " → Billing → Plan.")
          .formatted(theirs, where(gate.included()));
    }
    String yes = "Yes, your %s plan includes it: %s.".formatted(theirs, own);
    return how == null ? yes : yes + "\n\n" + OfflineReplies.passage(how);
  }

  /** "Enterprise plan (SSO/SAML and audit logs)", "Pro plan (…) and the Enterprise plan (…)". */
  private static String where(Map<String, String> included) {
    List<String> each =
        included.entrySet().stream()
            .map(e -> "%s plan (%s)".formatted(e.getKey(), e.getValue()))
            .toList();
    return String.join(" and the ", each);
  }
}
