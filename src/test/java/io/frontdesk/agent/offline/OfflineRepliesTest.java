package io.frontdesk.agent.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.account.AccountActionResult;
import io.frontdesk.billing.InvoiceView;
import io.frontdesk.technical.DiagnosticCheck;
import io.frontdesk.technical.Diagnostics;
import io.frontdesk.turn.ToolRecord;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfflineRepliesTest {

  private static final OffsetDateTime OCT_1 =
      OffsetDateTime.of(2026, 10, 1, 9, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void thePlanIsToldFromTheSubscriptionDetails() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("plan", "pro");
    details.put("billing_cycle", "monthly");
    details.put("status", "active");
    details.put("price", "49.00 EUR");
    details.put("renews_at", "2026-12-01T00:00Z");
    String reply =
        OfflineReplies.accountAction(
            new AccountActionResult(
                "subscription_info", "completed", "Current subscription.", details));
    assertEquals(
        "You are on the Pro plan (monthly billing, active) at 49.00 EUR; it renews on 2026-12-01.",
        reply);
  }

  @Test
  void anInvoiceIsQuotedWithNumberTotalTaxAndStatus() {
    InvoiceView invoice =
        new InvoiceView(
            "inv_000123",
            "SKY-2026-000123",
            "ord_000123",
            "Pro plan, October 2026",
            new BigDecimal("49.00"),
            new BigDecimal("9.31"),
            new BigDecimal("58.31"),
            "EUR",
            "paid",
            OCT_1,
            OCT_1.plusDays(14),
            OCT_1,
            new BigDecimal("58.31"),
            BigDecimal.ZERO,
            new BigDecimal("58.31"));
    assertEquals(
        "Your latest invoice is SKY-2026-000123, issued 2026-10-01: 58.31 EUR including 9.31 EUR"
            + " tax (Pro plan, October 2026), paid on 2026-10-01.",
        OfflineReplies.latestInvoice(List.of(invoice)));
    assertEquals("You have no invoices yet.", OfflineReplies.latestInvoice(List.of()));
  }

  @Test
  void aDiagnosisListsWhatIsNotOkAndTheRecommendation() {
    Diagnostics d =
        new Diagnostics(
            "svc_0012",
            "checkout-api",
            "down",
            "unhealthy",
            List.of(
                new DiagnosticCheck("memory", "fail", "Used 512 of 512 MB; exit code 137."),
                new DiagnosticCheck("tls", "ok", "Valid for 60 days.")),
            "Raise the memory limit, then restart.",
            OCT_1);
    String reply = OfflineReplies.diagnosis(d);
    assertTrue(reply.startsWith("checkout-api is down; diagnostics say unhealthy."), reply);
    assertTrue(reply.contains("memory (fail): Used 512 of 512 MB"), reply);
    assertTrue(!reply.contains("tls"), reply);
    assertTrue(reply.endsWith("Recommended: Raise the memory limit, then restart."), reply);
  }

  @Test
  void anApprovedCallIsReportedAndAFailedOneSaysSo() {
    ToolRecord done =
        new ToolRecord(
            "general",
            "perform_account_action",
            Map.of("action", "password_reset"),
            true,
            new AccountActionResult(
                "password_reset",
                "link_sent",
                "A reset link was emailed.",
                Map.of("sent_to", "a***@x.io", "expires_at", "2026-12-01T13:05:41.123Z")),
            null,
            3,
            OCT_1);
    assertEquals(
        "A colleague approved your request. I've emailed a password reset link to a***@x.io. It"
            + " works once and expires at 13:05 UTC on 2026-12-01.",
        OfflineReplies.approved(done));
    ToolRecord failed =
        new ToolRecord(
            "general", "perform_account_action", Map.of(), false, null, "backend down", 3, OCT_1);
    assertTrue(OfflineReplies.approved(failed).contains("could not be completed: backend down"));
  }

  @Test
  void theServiceIsChosenByIdThenByTheWordsOfItsNameOrType() {
    List<io.frontdesk.technical.ServiceSummary> services =
        List.of(
            new io.frontdesk.technical.ServiceSummary(
                "svc_0011", "media-database", "database", "us-east", "down"),
            new io.frontdesk.technical.ServiceSummary(
                "svc_0012", "checkout-api", "api", "us-east", "running"));
    assertEquals(
        "svc_0012", MessageFacts.named(services, "Is my api service running?").get().serviceId());
    assertEquals("svc_0012", MessageFacts.named(services, "checkout is slow").get().serviceId());
    assertEquals("svc_0011", MessageFacts.named(services, "what about svc_0011").get().serviceId());
    assertTrue(MessageFacts.named(services, "is everything ok?").isEmpty());
  }

  @Test
  void anEscalationCarriesTheReasonAndTheMessage() {
    String text =
        OfflineReplies.escalate("A refund request needs a person", "refund my last order");
    assertTrue(text.startsWith(OfflineReplies.ESCALATE + "A refund request needs a person"), text);
    assertTrue(text.contains("\"refund my last order\""), text);
  }

  @Test
  void aRefundQuestionListsWhatCanBeRefundedAndIsRecognisedOnTheNextTurn() {
    InvoiceView paid =
        new InvoiceView(
            "inv_000017",
            "SKY-2026-000017",
            "ord_000017",
            "Starter plan",
            new BigDecimal("11.00"),
            new BigDecimal("2.20"),
            new BigDecimal("13.20"),
            "EUR",
            "paid",
            OCT_1,
            OCT_1.plusDays(14),
            OCT_1,
            new BigDecimal("13.20"),
            BigDecimal.ZERO,
            new BigDecimal("13.20"));
    String question = OfflineReplies.whichOrder(List.of(paid));
    assertEquals(
        "Which order should I refund, and how much? Orders you can get refunded: ord_000017"
            + " (invoice SKY-2026-000017, up to 13.20 EUR).",
        question);
    assertEquals(OfflineReplies.REFUND, OfflineReplies.askedFor(question));
    assertEquals(
        OfflineReplies.REFUND,
        OfflineReplies.askedFor(OfflineReplies.notYours("order ord_000001", "refund")));
    assertEquals(null, OfflineReplies.askedFor("Your latest invoice is SKY-2026-000017."));
  }

  @Test
  void amountsAreReadButIdsAndDatesAreNot() {
    assertEquals(
        new BigDecimal("13.20"),
        MessageFacts.amount("It's order ord_000017, the full amount of 13.20 please.")
            .orElseThrow());
    assertEquals(new BigDecimal("49"), MessageFacts.amount("refund €49 of it").orElseThrow());
    assertEquals(new BigDecimal("12.5"), MessageFacts.amount("12,5 EUR back").orElseThrow());
    assertTrue(MessageFacts.amount("refund order ord_000017 from 2026-10-01").isEmpty());
  }
}
