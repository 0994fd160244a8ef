package io.frontdesk.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontdesk.agent.routing.Route;
import io.frontdesk.conversation.ToolRecord;
import io.frontdesk.knowledge.KnowledgeAnswer;
import io.frontdesk.toolgate.ToolRefused;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfidenceScorerTest {

  private static final KnowledgeAnswer HITS =
      new KnowledgeAnswer(
          "Found 1 articles", List.of(new KnowledgeAnswer.Passage("KB-1", "t", "c", "p", 0.8)));
  private static final KnowledgeAnswer NONE =
      new KnowledgeAnswer("No relevant articles found", List.of());

  private static ToolRecord call(String tool, boolean success, Object result) {
    return new ToolRecord(
        "support", tool, Map.of(), success, result, null, 1, OffsetDateTime.now());
  }

  @Test
  void noToolsMeansLowConfidence() {
    assertEquals(0.3, ConfidenceScorer.score(List.of()), 1e-9);
  }

  @Test
  void shareOfSuccessfulCalls() {
    assertEquals(
        0.5,
        ConfidenceScorer.score(
            List.of(
                call("perform_account_action", true, "ok"),
                call("perform_account_action", false, null))),
        1e-9);
  }

  @Test
  void knowledgeBaseWithResultsAddsTwentyPointsCappedAtOne() {
    assertEquals(
        0.7,
        ConfidenceScorer.score(
            List.of(call("search_knowledge_base", true, HITS), call("x", false, null))),
        1e-9);
    assertEquals(
        1.0, ConfidenceScorer.score(List.of(call("search_knowledge_base", true, HITS))), 1e-9);
  }

  @Test
  void knowledgeBaseWithoutResultsEarnsNoBonus() {
    assertEquals(
        0.5,
        ConfidenceScorer.score(
            List.of(call("search_knowledge_base", true, NONE), call("x", false, null))),
        1e-9);
  }

  private static ToolRecord denied(String tool, String error) {
    return new ToolRecord(
        "billing", tool, Map.of(), false, null, error, 1, OffsetDateTime.now(), "denied");
  }

  @Test
  void aRefusalThatIsTheAnswerIsNotAFailedCall() {
    ToolRecord notYours =
        denied("process_refund", ToolRefused.notYours("order", "ord_000999").getMessage());
    assertEquals(1.0, ConfidenceScorer.score(List.of(notYours)), 1e-9);
    // a tool the plan does not allow is a failure: a person has to help
    ToolRecord notAllowed =
        denied("restart_service", "restart_service is not available to customers on the free plan");
    assertEquals(0.0, ConfidenceScorer.score(List.of(notAllowed)), 1e-9);
  }

  @Test
  void aClosingAnsweredWithoutToolsIsSure() {
    Route closing = new Route(Route.SMALLTALK, "closing", 0.55, false);
    assertEquals(1.0, ConfidenceScorer.score(List.of(), closing, null), 1e-9);
    Route billing = new Route("billing", "refund", 0.9, true);
    assertEquals(0.3, ConfidenceScorer.score(List.of(), billing, null), 1e-9);
  }

  @Test
  void aFarPassageEarnsHalfTheBonusAndASureRouteAddsItsShare() {
    KnowledgeAnswer far =
        new KnowledgeAnswer(
            "Found 1 articles", List.of(new KnowledgeAnswer.Passage("KB-1", "t", "c", "p", 0.42)));
    assertEquals(
        0.6,
        ConfidenceScorer.score(
            List.of(call("search_knowledge_base", true, far), call("x", false, null))),
        1e-9);
    Route general = new Route("general", "knowledge", 0.8, true);
    assertEquals(
        0.68,
        ConfidenceScorer.score(
            List.of(call("search_knowledge_base", true, far), call("x", false, null)),
            general,
            null),
        1e-9);
  }

  @Test
  void aSureRouteAddsNothingWhenEveryCallFailed() {
    Route billing = new Route("billing", "latest_invoice", 0.95, true);
    assertEquals(
        0.0, ConfidenceScorer.score(List.of(call("list_invoices", false, null)), billing, null));
  }
}
