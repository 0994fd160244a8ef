package io.frontdesk.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontdesk.conversation.ToolRecord;
import io.frontdesk.knowledge.KnowledgeAnswer;
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
}
