package io.frontdesk.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.knowledge.KnowledgeAnswer;
import io.frontdesk.toolgate.ToolRefused;
import io.frontdesk.turn.Route;
import io.frontdesk.turn.ToolRecord;
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
  void aCallThatSteersTheTurnIsNoEvidence() {
    ToolRecord transfer =
        new ToolRecord(
            "triage",
            "transfer_to_billing",
            Map.of("reason", "invoice"),
            false,
            null,
            "handoff",
            1,
            OffsetDateTime.now(),
            "failed",
            false,
            true);
    List<ToolRecord> lookups = List.of(call("lookup_invoice", true, "ok"));
    List<ToolRecord> withTransfer = List.of(transfer, call("lookup_invoice", true, "ok"));
    assertEquals(ConfidenceScorer.score(lookups), ConfidenceScorer.score(withTransfer), 1e-9);
    assertEquals(0.3, ConfidenceScorer.score(List.of(transfer)), 1e-9);
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

  private static final Route BILLING = new Route("billing", "latest_invoice", 0.9, true);

  @Test
  void aClosingAnsweredWithoutToolsIsSureAndAnAnswerWithoutToolsIsNot() {
    Route closing = new Route(Route.SMALLTALK, "closing", 0.55, false);
    assertEquals(1.0, ConfidenceScorer.score(List.of(), closing, null, "Bye!"), 1e-9);
    // the seed's 0.3 for the evidence, the route's 0.9, nothing grounds it
    assertEquals(
        0.5 * 0.3 + 0.25 * 0.9,
        ConfidenceScorer.score(List.of(), BILLING, null, "Your invoice is probably fine."),
        1e-9);
  }

  @Test
  void aClarifyingQuestionIsARightMoveButACourtesyQuestionIsNot() {
    double asks =
        ConfidenceScorer.score(
            List.of(), BILLING, null, "Which order should I refund, and how much?");
    assertEquals(0.5 + 0.25 * 0.9 + 0.25, asks, 1e-9);
    Route unsure = new Route("billing", "refund", 0.3, false);
    assertTrue(
        ConfidenceScorer.score(List.of(), unsure, null, "Which order do you mean?") < asks,
        "a question on a route the router doubts is less sure");
    assertFalse(ConfidenceScorer.asksCustomer("Your plan is Pro. Anything else I can help with?"));
    assertFalse(ConfidenceScorer.asksCustomer("ESCALATE: please help"));
    assertTrue(ConfidenceScorer.asksCustomer("Sure. Which service should I restart?"));
  }

  @Test
  void factsTheToolsReturnedGroundTheAnswerAndInventedOnesDoNot() {
    List<ToolRecord> calls =
        List.of(call("list_invoices", true, "invoice SKY-2026-000123 total 49.00 EUR, paid"));
    double grounded =
        ConfidenceScorer.score(
            calls, BILLING, null, "Your latest invoice is SKY-2026-000123: 49.00 EUR.");
    double invented =
        ConfidenceScorer.score(
            calls, BILLING, null, "Your latest invoice is SKY-2026-000999: 59.00 EUR.");
    double unstated = ConfidenceScorer.score(calls, BILLING, null, "It is paid.");
    assertEquals(0.5 + 0.25 * 0.9 + 0.25, grounded, 1e-9);
    assertEquals(0.5 + 0.25 * 0.9, invented, 1e-9);
    assertEquals(0.5 + 0.25 * 0.9 + 0.25 * 0.5, unstated, 1e-9);
  }

  @Test
  void theRetrievedPassageSimilarityGradesAKnowledgeAnswer() {
    Route general = new Route("general", "knowledge", 0.8, true);
    KnowledgeAnswer near =
        new KnowledgeAnswer(
            "Found 1", List.of(new KnowledgeAnswer.Passage("KB-1", "t", "c", "p", 0.65)));
    KnowledgeAnswer far =
        new KnowledgeAnswer(
            "Found 1", List.of(new KnowledgeAnswer.Passage("KB-1", "t", "c", "p", 0.35)));
    double close =
        ConfidenceScorer.score(
            List.of(call("search_knowledge_base", true, near)), general, null, "See the article.");
    double distant =
        ConfidenceScorer.score(
            List.of(call("search_knowledge_base", true, far)), general, null, "See the article.");
    assertEquals(0.5 + 0.25 * 0.8 + 0.25, close, 1e-9);
    assertEquals(0.5 + 0.25 * 0.8 + 0.25 * 0.25, distant, 1e-9);
  }

  @Test
  void aRefusalThatIsTheAnswerAndAPendingApprovalAreRightMoves() {
    ToolRecord notYours =
        denied("process_refund", ToolRefused.notYours("order", "ord_000999").getMessage());
    notYours =
        new ToolRecord(
            "billing",
            "process_refund",
            Map.of("order_id", "ord_000999"),
            false,
            null,
            notYours.error(),
            1,
            OffsetDateTime.now(),
            "denied");
    assertEquals(
        0.5 + 0.25 * 0.9 + 0.25,
        ConfidenceScorer.score(
            List.of(notYours), BILLING, null, "I can't find order ord_000999 on your account."),
        1e-9);
    ToolRecord pending =
        new ToolRecord(
            "billing",
            "process_refund",
            Map.of("order_id", "ord_000017", "amount", "13.20"),
            false,
            null,
            null,
            1,
            OffsetDateTime.now(),
            "pending_approval");
    assertEquals(1.0, ConfidenceScorer.score(List.of(pending)), 1e-9);
  }

  @Test
  void aHandOverIsNoAnswerWhateverTheCallsReturned() {
    List<ToolRecord> calls =
        List.of(call("list_services", true, "reports-database svc_0034 running"));
    Route outage = new Route("workflow:service-outage", "service_status", 0.67, true);
    // the seed's 0.3 for the evidence and the route's belief: the services found answer nothing
    assertEquals(
        0.5 * 0.3 + 0.25 * 0.67,
        ConfidenceScorer.score(
            calls,
            outage,
            null,
            "ESCALATE: the customer reports a fault, but all of svc_0034 is running"),
        1e-9);
    assertEquals(
        0.5 + 0.25 * 0.67 + 0.25,
        ConfidenceScorer.score(
            calls, outage, null, "All 1 of your services are running: svc_0034."),
        1e-9);
  }

  @Test
  void failedCallsKeepEveryRouteBelowTheLowestThreshold() {
    Route sure = new Route("billing", "latest_invoice", 1.0, true);
    assertTrue(
        ConfidenceScorer.score(
                List.of(call("list_invoices", false, null)),
                sure,
                null,
                "I could not look that up.")
            < 0.5);
  }

  @Test
  void anAnswerToAMessageTheRouterThoughtOutOfScopeCountsAgainstIt() {
    List<ToolRecord> calls = List.of(call("list_invoices", true, "no invoices"));
    double outOfScope =
        ConfidenceScorer.score(
            calls, new Route(Route.OUT_OF_SCOPE, null, 0.9, true), null, "You have none.");
    double billing = ConfidenceScorer.score(calls, BILLING, null, "You have none.");
    assertEquals(0.25 * 0.8, billing - outOfScope, 1e-9);
  }
}
