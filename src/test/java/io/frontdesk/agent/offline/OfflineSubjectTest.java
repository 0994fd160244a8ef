package io.frontdesk.agent.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.frontdesk.billing.InvoiceView;
import io.frontdesk.technical.DiagnosticCheck;
import io.frontdesk.technical.Diagnostics;
import io.frontdesk.technical.ServiceSummary;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the offline model reads out of a conversation and a message: the subject that carries over,
 * the kind of message (frustration, a double charge, a yes/no question, another language), the
 * plans a feature belongs to, and the wording built from them.
 */
class OfflineSubjectTest {

  private static final OffsetDateTime OCT_5 =
      OffsetDateTime.of(2026, 10, 5, 10, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void theServiceLastActedOnIsWhatItMeansInTheNextTurn() {
    ToolExecutionRequest list =
        ToolExecutionRequest.builder().id("a").name("list_services").arguments("{}").build();
    ToolExecutionRequest diagnose =
        ToolExecutionRequest.builder()
            .id("b")
            .name("run_diagnostics")
            .arguments("{\"service_id\":\"svc_0083\"}")
            .build();
    Subject subject =
        Subject.of(
            List.of(
                UserMessage.from("What's wrong with orders-api?"),
                AiMessage.from(list),
                ToolExecutionResultMessage.from(list, "{}"),
                AiMessage.from(diagnose),
                ToolExecutionResultMessage.from(diagnose, "{}"),
                AiMessage.from("orders-api is down; diagnostics say unhealthy.")));
    assertEquals("svc_0083", subject.serviceId());
    assertEquals("run_diagnostics", subject.serviceTool());
    assertEquals("orders-api is down; diagnostics say unhealthy.", subject.lastAnswer());
    assertFalse(Subject.of(List.of(UserMessage.from("hi"))).hasService());
  }

  @Test
  void theKindOfMessageIsReadFromItsWords() {
    assertTrue(MessageFacts.frustrated("Your service is garbage, nothing ever works."));
    assertFalse(MessageFacts.frustrated("It's all broken again and nobody ever fixes it."));
    assertTrue(MessageFacts.chargedTwice("I was charged twice for my plan this month!"));
    assertTrue(MessageFacts.chargedTwice("You charged me three times this month!"));
    assertTrue(MessageFacts.wantsPerson("I want all of it back and a manager, now."));
    assertTrue(MessageFacts.asksAboutIncident("Is there an incident with the API right now?"));
    assertTrue(MessageFacts.yesNoQuestion("Can I use SSO with Okta?"));
    assertTrue(MessageFacts.yesNoQuestion("Ok, is search-api healthy?"));
    assertFalse(MessageFacts.yesNoQuestion("What plan am I on?"));
    assertTrue(MessageFacts.refersBack("Restart it please."));
    assertTrue(MessageFacts.corrects("Sorry, I meant reports-web."));
    assertTrue(MessageFacts.agrees("Yes, please refund the duplicate."));
  }

  @Test
  void aServiceIsNamedByItsNameItsTypeOrTheWordCustomersUseForIt() {
    List<ServiceSummary> services =
        List.of(
            new ServiceSummary("svc_0369", "checkout-database", "database", "us-east", "running"),
            new ServiceSummary("svc_0370", "checkout-web", "web", "us-east", "running"));
    assertEquals(
        "svc_0370",
        MessageFacts.named(services, "Our website is not loading for customers.")
            .orElseThrow()
            .serviceId());
    assertEquals(
        "svc_0369", MessageFacts.named(services, "the db is slow").orElseThrow().serviceId());
    assertTrue(MessageFacts.namesAService("How is orders-api doing?"));
    assertFalse(MessageFacts.namesAService("How is my app doing?"));
  }

  @Test
  void aMessagePlainlyInAnotherLanguageIsToldApartAndShortEnglishIsNot() {
    assertTrue(MessageFacts.notEnglish("Je n'arrive pas à me connecter à mon compte."));
    assertTrue(MessageFacts.notEnglish("Meine Rechnung ist zu hoch, können Sie das bitte prüfen?"));
    assertTrue(MessageFacts.notEnglish("¿Por qué mi servicio no funciona? Está caído."));
    assertTrue(MessageFacts.notEnglish("Não consigo entrar na minha conta, você pode ajudar?"));
    assertFalse(MessageFacts.notEnglish("Hi there!"));
    assertFalse(MessageFacts.notEnglish("Restart it please."));
    assertFalse(MessageFacts.notEnglish("Is my orders-web running?"));
    assertFalse(MessageFacts.notEnglish("It's ord_000015, in full please"));
  }

  @Test
  void aFeatureBelongsToThePlansWhoseBulletsNameItFromTheHelpCentresComparison()
      throws IOException {
    PlanFeatures plans = PlanFeatures.parse(planArticle());
    assertEquals(List.of("Free", "Pro", "Enterprise"), List.copyOf(plans.plans().keySet()));
    PlanFeatures.Gate sso = plans.gate("Can I use SSO with Okta?").orElseThrow();
    assertEquals(List.of("Enterprise"), List.copyOf(sso.included().keySet()));
    assertEquals("SSO/SAML and audit logs", sso.included().get("Enterprise"));
    PlanFeatures.Gate backups = plans.gate("Do I get automated database backups?").orElseThrow();
    assertEquals(List.of("Pro", "Enterprise"), List.copyOf(backups.included().keySet()));
    assertEquals(List.of("Free"), backups.excluded());
    assertEquals(
        List.of("Enterprise"),
        List.copyOf(plans.gate("Does it include audit logs?").orElseThrow().included().keySet()));
    assertEquals(
        List.of("Enterprise"),
        List.copyOf(plans.gate("Can I pay by bank transfer?").orElseThrow().included().keySet()));
    assertEquals(
        List.of("Enterprise"),
        List.copyOf(
            plans
                .gate("Is single sign-on available on my plan?")
                .orElseThrow()
                .included()
                .keySet()));
    // one word every plan shares is no feature; a question no plan names is not about plans
    assertEquals(Optional.empty(), plans.gate("Can I deploy a database in eu-west?"));
    assertEquals(Optional.empty(), plans.gate("Can I get a refund?"));
  }

  @Test
  void aPlanQuestionIsAnsweredNoWithThePlanThatHasItOrYesForTheirs() throws IOException {
    PlanFeatures plans = PlanFeatures.parse(planArticle());
    PlanFeatures.Gate sso = plans.gate("Can I use SSO with Okta?").orElseThrow();
    String no = PlanReplies.answer(sso, "pro", null);
    assertTrue(no.startsWith("No, not on your Pro plan."), no);
    assertTrue(no.contains("Enterprise plan (SSO/SAML and audit logs)"), no);
    String yes = PlanReplies.answer(sso, "enterprise", null);
    assertEquals("Yes, your Enterprise plan includes it: SSO/SAML and audit logs.", yes);
  }

  @Test
  void aDuplicateIsNamedByBothInvoiceNumbersAndItsRefundOffered() {
    InvoiceView first = invoice("ord_000167", "SKY-2026-000167", OCT_5);
    InvoiceView again = invoice("ord_9000046", "SKY-2026-9000046", OCT_5.plusMinutes(3));
    String reply = OfflineReplies.duplicate(first, again);
    assertTrue(reply.contains("SKY-2026-000167") && reply.contains("SKY-2026-9000046"), reply);
    assertTrue(reply.contains("(order ord_9000046, 58.80 USD)"), reply);
    assertEquals(OfflineReplies.DUPLICATE, OfflineReplies.askedFor(reply));
    String none = OfflineReplies.noDuplicate(List.of(first));
    assertTrue(none.startsWith("I checked your invoices and found no duplicate"), none);
  }

  @Test
  void anIncidentQuestionIsAnsweredYesOrNoByTheServicesItIsAbout() {
    List<ServiceSummary> services =
        List.of(
            new ServiceSummary("svc_0094", "checkout-api", "api", "eu-west", "degraded"),
            new ServiceSummary("svc_0095", "billing-cron", "cron", "eu-west", "down"),
            new ServiceSummary("svc_0096", "billing-api", "api", "eu-west", "running"));
    List<ServiceSummary> apis =
        MessageFacts.concerned(services, "Is there an incident with the API right now?");
    assertEquals(
        List.of("checkout-api", "billing-api"), apis.stream().map(ServiceSummary::name).toList());
    Diagnostics d =
        new Diagnostics(
            "svc_0094",
            "checkout-api",
            "degraded",
            "degraded",
            List.of(new DiagnosticCheck("memory", "warn", "Memory at 91% of the limit.")),
            null,
            OCT_5);
    String yes = ServiceReplies.incident(apis, d);
    assertTrue(
        yes.startsWith("Yes, checkout-api is degraded right now. billing-api is running."), yes);
    assertEquals(
        "No, there is no incident right now: billing-api is running.",
        ServiceReplies.noIncident(List.of(services.get(2))));
    assertTrue(ServiceReplies.diagnosis(d, "Is checkout-api healthy?").startsWith("No, "));
    assertTrue(ServiceReplies.diagnosis(d, "Is checkout-api down?").startsWith("Yes, "));
  }

  private static InvoiceView invoice(String order, String number, OffsetDateTime at) {
    BigDecimal total = new BigDecimal("58.80");
    return new InvoiceView(
        "inv_x",
        number,
        order,
        "Skyline Pro — monthly Oct 2026",
        new BigDecimal("49.00"),
        new BigDecimal("9.80"),
        total,
        "USD",
        "paid",
        at,
        at,
        at,
        total,
        BigDecimal.ZERO,
        total);
  }

  /** The help centre's plan comparison as the demo data seeds it (KB-1024). */
  private static String planArticle() throws IOException {
    try (InputStream in = OfflineSubjectTest.class.getResourceAsStream("/demo/knowledge-base.md")) {
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int start = all.indexOf("## KB-1024");
      return all.substring(start, all.indexOf("\n## ", start + 1));
    }
  }
}
