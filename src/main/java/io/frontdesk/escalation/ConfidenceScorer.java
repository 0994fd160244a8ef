package io.frontdesk.escalation;

import io.frontdesk.agent.HandoffTools;
import io.frontdesk.agent.routing.Route;
import io.frontdesk.conversation.ToolRecord;
import io.frontdesk.knowledge.KnowledgeAnswer;
import io.frontdesk.toolgate.ToolRefused;
import java.util.List;

/**
 * How sure the agent's answer is. The seed rule — no tools used 0.3; otherwise the share of
 * successful tool calls, plus 0.2 when the knowledge base returned results, capped at 1.0 — with
 * three corrections: a refusal that is the answer ("that order is not on your account") is a
 * successful call; the knowledge bonus is halved when the best passage is not close in meaning; and
 * the router's scores count: a greeting or closing needs no tool evidence, and a message the router
 * placed surely adds a little.
 */
public final class ConfidenceScorer {

  static final double NO_TOOLS = 0.3;
  static final double KNOWLEDGE_BONUS = 0.2;

  /** A passage at least this similar (cosine) to the question earns the whole bonus. */
  static final double CLOSE_PASSAGE = 0.5;

  /** Weight of the router's probability for a message it placed surely on a route. */
  static final double ROUTE_WEIGHT = 0.1;

  private ConfidenceScorer() {}

  /**
   * The score of a turn: an answer the router gave itself ({@code routerAnswer}, else null) is as
   * sure as its route; otherwise the corrected seed rule over the calls and the message's {@code
   * route}.
   */
  public static double score(List<ToolRecord> all, Route route, Double routerAnswer) {
    if (routerAnswer != null) {
      return routerAnswer;
    }
    List<ToolRecord> calls = evidence(all);
    if (calls.isEmpty()) {
      // "thanks, that's all" answered by the model: nothing to look up, nothing to escalate
      return route != null && route.route().equals(Route.SMALLTALK) ? 1.0 : NO_TOOLS;
    }
    double confidence = seed(calls);
    boolean anyAnswered = calls.stream().anyMatch(ConfidenceScorer::answered);
    // a sure route adds to evidence; it is none by itself when every call failed
    if (anyAnswered && route != null && route.sure() && !route.route().equals(Route.OUT_OF_SCOPE)) {
      confidence += ROUTE_WEIGHT * route.confidence();
    }
    return Math.min(confidence, 1.0);
  }

  /** The corrected seed rule alone (no router). */
  public static double score(List<ToolRecord> all) {
    List<ToolRecord> calls = evidence(all);
    return calls.isEmpty() ? NO_TOOLS : Math.min(seed(calls), 1.0);
  }

  private static List<ToolRecord> evidence(List<ToolRecord> all) {
    // routing (transfer_to_*, escalate_to_human) is not evidence for an answer
    return all.stream().filter(c -> !HandoffTools.isControlTool(c.tool())).toList();
  }

  private static double seed(List<ToolRecord> calls) {
    long answered = calls.stream().filter(ConfidenceScorer::answered).count();
    double confidence = (double) answered / calls.size();
    double best = -1;
    for (ToolRecord c : calls) {
      if (c.success() && c.result() instanceof KnowledgeAnswer answer) {
        for (KnowledgeAnswer.Passage p : answer.results()) {
          best = Math.max(best, p.similarity());
        }
      }
    }
    if (best >= CLOSE_PASSAGE) {
      confidence += KNOWLEDGE_BONUS;
    } else if (best > -1) {
      confidence += KNOWLEDGE_BONUS / 2;
    }
    return confidence;
  }

  /** A call that gave the agent its answer: it succeeded, or it refused definitively. */
  static boolean answered(ToolRecord c) {
    return c.success() || ("denied".equals(c.status()) && ToolRefused.isNotYours(c.error()));
  }
}
