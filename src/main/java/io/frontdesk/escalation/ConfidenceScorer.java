package io.frontdesk.escalation;

import io.frontdesk.agent.HandoffTools;
import io.frontdesk.conversation.ToolRecord;
import io.frontdesk.knowledge.KnowledgeAnswer;
import java.util.List;

/**
 * How sure the agent's answer is, by the seed rule: no tools used 0.3; otherwise the share of
 * successful tool calls, plus 0.2 when the knowledge base returned results, capped at 1.0.
 */
public final class ConfidenceScorer {

  static final double NO_TOOLS = 0.3;
  static final double KNOWLEDGE_BONUS = 0.2;

  private ConfidenceScorer() {}

  /**
   * The seed rule, except for an answer the router gave itself (smalltalk): it rests on the
   * classification, not on tools, so it is as sure as the route ({@code routerAnswer}, else null).
   */
  public static double score(List<ToolRecord> all, Double routerAnswer) {
    return routerAnswer != null ? routerAnswer : score(all);
  }

  public static double score(List<ToolRecord> all) {
    // routing (transfer_to_*, escalate_to_human) is not evidence for an answer
    List<ToolRecord> calls =
        all.stream().filter(c -> !HandoffTools.isControlTool(c.tool())).toList();
    if (calls.isEmpty()) {
      return NO_TOOLS;
    }
    long succeeded = calls.stream().filter(ToolRecord::success).count();
    double confidence = (double) succeeded / calls.size();
    boolean knowledgeAnswered =
        calls.stream()
            .anyMatch(
                c ->
                    c.success()
                        && c.result() instanceof KnowledgeAnswer answer
                        && !answer.results().isEmpty());
    if (knowledgeAnswered) {
      confidence += KNOWLEDGE_BONUS;
    }
    return Math.min(confidence, 1.0);
  }
}
