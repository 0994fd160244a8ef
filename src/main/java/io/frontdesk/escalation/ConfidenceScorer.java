package io.frontdesk.escalation;

import io.frontdesk.knowledge.KnowledgeAnswer;
import io.frontdesk.toolgate.ToolRefused;
import io.frontdesk.turn.AnswerPrefix;
import io.frontdesk.turn.Route;
import io.frontdesk.turn.ToolRecord;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How sure a turn's answer is, 0..1: a weighted sum of three pieces of evidence. The tool evidence
 * is the seed rule (no tools 0.3; otherwise the share of calls that gave the agent its answer, plus
 * 0.2 when the knowledge base answered, capped at 1.0), where a refusal that is the answer ("that
 * order is not on your account") and a call a human now has to approve count as answered. The route
 * is the router's probability for where it placed the message. The grounding is whether the answer
 * stands on what the tools returned: the share of its ids and amounts found in the calls, and the
 * retrieval similarity of the passages it used. A greeting or closing needs no evidence, and a
 * clarifying question ("which order do you mean?") is a right move, not a guess. A hand-over to a
 * person ({@code ESCALATE:}) is scored as an answer without evidence, whatever was called.
 */
public final class ConfidenceScorer {

  static final double NO_TOOLS = 0.3;
  static final double KNOWLEDGE_BONUS = 0.2;

  /** A passage at least this similar (cosine) to the question earns the seed's whole bonus. */
  static final double CLOSE_PASSAGE = 0.5;

  static final double EVIDENCE_WEIGHT = 0.5;
  static final double ROUTE_WEIGHT = 0.25;
  static final double GROUNDING_WEIGHT = 0.25;

  /** Retrieval similarity mapped onto grounding: this far grounds nothing, this close fully. */
  static final double FAR = 0.25;

  static final double NEAR = 0.65;

  /** Grounding of a tool-backed answer that states no checkable fact: neither for nor against. */
  static final double UNSTATED = 0.5;

  /** The router's belief when there is no route (router off). */
  static final double NO_ROUTE = 0.5;

  /** Ids (ord_000017, svc_0066), printed numbers (SKY-2026-000123, KB-1057) and amounts. */
  private static final Pattern FACT =
      Pattern.compile(
          "\\b[a-z]{2,5}_\\d{3,}\\b|\\b[A-Z]{2,4}(?:-\\d+)+\\b|(?<![\\d.])\\d+\\.\\d{2}(?!\\d)");

  /** A question that only closes an answer ("anything else I can help with?"). */
  private static final Pattern COURTESY =
      Pattern.compile(
          "anything else|something else|other questions?|further questions?|help (you )?with"
              + " anything");

  /** Longer than this, an answer ending in a question is an answer, not a clarifying question. */
  static final int QUESTION_LENGTH = 400;

  private ConfidenceScorer() {}

  /**
   * The score of a turn: an answer the router gave itself ({@code routerAnswer}, else null) is as
   * sure as its route; otherwise the weighted evidence of the calls, the message's {@code route}
   * (null when the router is off) and the {@code answer} text (null when there is none).
   */
  public static double score(
      List<ToolRecord> all, Route route, Double routerAnswer, String answer) {
    if (routerAnswer != null) {
      return routerAnswer;
    }
    if (answer != null && answer.startsWith(AnswerPrefix.ESCALATE)) {
      // a hand-over answers nothing: whatever the calls returned, the agent found no answer in
      // them (an outage report with every service running), so they are no evidence for one
      return Math.clamp(EVIDENCE_WEIGHT * NO_TOOLS + ROUTE_WEIGHT * routeBelief(route), 0.0, 1.0);
    }
    List<ToolRecord> calls = evidence(all);
    boolean asks = asksCustomer(answer) && calls.stream().allMatch(ConfidenceScorer::answered);
    if (calls.isEmpty() && !asks && route != null && route.route().equals(Route.SMALLTALK)) {
      // "thanks, that's all" answered by the model: nothing to look up, nothing to escalate
      return 1.0;
    }
    double evidence = asks && calls.isEmpty() ? 1.0 : Math.min(seed(calls), 1.0);
    double confidence =
        EVIDENCE_WEIGHT * evidence
            + ROUTE_WEIGHT * routeBelief(route)
            + GROUNDING_WEIGHT * (asks ? 1.0 : grounding(calls, answer));
    return Math.clamp(confidence, 0.0, 1.0);
  }

  /** The corrected seed rule alone (no router, no answer). */
  public static double score(List<ToolRecord> all) {
    return Math.min(seed(evidence(all)), 1.0);
  }

  /**
   * Whether the answer is a clarifying question: short, ending in a question that is not a
   * courtesy. Asking for what the customer will give is how a turn waits for the facts it needs.
   */
  public static boolean asksCustomer(String answer) {
    if (answer == null) {
      return false;
    }
    String text = answer.strip();
    if (text.isEmpty() || text.length() > QUESTION_LENGTH || !text.endsWith("?")) {
      return false;
    }
    int start = Math.max(text.lastIndexOf('\n'), Math.max(text.lastIndexOf(". "), -1));
    String question = text.substring(start + 1).toLowerCase(Locale.ROOT);
    return !COURTESY.matcher(question).find();
  }

  /** The router's probability for the route; against a route that says the desk is not needed. */
  private static double routeBelief(Route route) {
    if (route == null) {
      return NO_ROUTE;
    }
    boolean notForTheDesk =
        route.route().equals(Route.OUT_OF_SCOPE) || route.route().equals(Route.HUMAN);
    return notForTheDesk ? 1 - route.confidence() : route.confidence();
  }

  /**
   * How much of the answer stands on the calls: the share of its facts found in their arguments,
   * results and refusals, and the closeness of the passages retrieved (the mean when both count).
   * No calls ground nothing.
   */
  static double grounding(List<ToolRecord> calls, String answer) {
    if (calls.isEmpty()) {
      return 0.0;
    }
    Double retrieval = retrieval(calls);
    Double facts = facts(calls, answer);
    if (retrieval != null && facts != null) {
      return (retrieval + facts) / 2;
    }
    return retrieval != null ? retrieval : facts != null ? facts : UNSTATED;
  }

  /** The best passage's similarity on the FAR..NEAR scale; null when no search ran. */
  private static Double retrieval(List<ToolRecord> calls) {
    Double best = null;
    for (ToolRecord c : calls) {
      if (c.success() && c.result() instanceof KnowledgeAnswer answer) {
        double top = 0;
        for (KnowledgeAnswer.Passage p : answer.results()) {
          top = Math.max(top, Math.clamp((p.similarity() - FAR) / (NEAR - FAR), 0.0, 1.0));
        }
        best = best == null ? top : Math.max(best, top);
      }
    }
    return best;
  }

  /** The share of the answer's facts that the calls contain; null when it states none. */
  private static Double facts(List<ToolRecord> calls, String answer) {
    if (answer == null) {
      return null;
    }
    StringBuilder seen = new StringBuilder();
    for (ToolRecord c : calls) {
      seen.append(c.arguments()).append(' ').append(c.result()).append(' ').append(c.error());
    }
    String evidence = seen.toString().toLowerCase(Locale.ROOT);
    Matcher m = FACT.matcher(answer);
    int stated = 0;
    int found = 0;
    while (m.find()) {
      stated++;
      found += evidence.contains(m.group().toLowerCase(Locale.ROOT)) ? 1 : 0;
    }
    return stated == 0 ? null : (double) found / stated;
  }

  private static List<ToolRecord> evidence(List<ToolRecord> all) {
    // routing (transfer_to_*, escalate_to_human) is not evidence for an answer
    return all.stream().filter(c -> !c.control()).toList();
  }

  private static double seed(List<ToolRecord> calls) {
    if (calls.isEmpty()) {
      return NO_TOOLS;
    }
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

  /**
   * A call that gave the agent its answer: it succeeded, it refused definitively, or it now waits
   * for a human's approval (the right move for a risky action).
   */
  static boolean answered(ToolRecord c) {
    return c.success()
        || "pending_approval".equals(c.status())
        || ("denied".equals(c.status()) && ToolRefused.isNotYours(c.error()));
  }
}
