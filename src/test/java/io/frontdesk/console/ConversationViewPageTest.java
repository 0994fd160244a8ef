package io.frontdesk.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.approval.ApprovalFlowTest;
import io.frontdesk.testing.CustomerAndAgentBrowsers;
import io.frontdesk.testing.Database;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.SignIn;
import io.frontdesk.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A conversation and a ticket in the console, in human terms, in headless Chromium. */
@QuarkusTest
class ConversationViewPageTest extends CustomerAndAgentBrowsers {

  @Test
  void aConversationShowsWhatTheAssistantDidInWordsAndItsApprovalIsDecidedInline() {
    Row order = ApprovalFlowTest.paidOrder(pool, "cus_0100", "cus_0139");
    String orderId = order.getString("id");
    String customerId = order.getString("customer_id");
    String word = InboxSeed.uniqueWord();
    model.enqueue(
        Reply.toolCall("list_invoices", "{}"),
        Reply.text("You have three invoices; the latest one is paid."));
    UUID conversation =
        UUID.fromString(
            Inquiries.ask(customerId, "Which invoices do I have for the " + word + "?")
                .getString("conversationId"));
    model.enqueue(
        Reply.toolCall("process_refund", "{\"order_id\":\"" + orderId + "\",\"amount\":10.00}"));
    Inquiries.ask(customerId, "Please refund 10.00 of " + orderId, conversation);

    SignIn.agent(agent, root.toString(), "agt_vera");
    agent.find("#inbox-q").type(word);
    agent.find("#inbox-filters button[type=submit]").click();
    agent.clickText("#inbox .item[data-key='conversation:" + conversation + "']", word);

    agent.waitForText("#detail .timeline", "Listed the customer's invoices — done");
    String steps = agent.find("#detail .timeline").text();
    assertTrue(
        steps.contains("Refund 10.00 on order " + orderId + " — waiting for a person's approval"),
        steps);
    String transcript = agent.find("#detail .transcript").text();
    assertTrue(transcript.contains("You have three invoices"), transcript);
    assertFalse(transcript.contains("list_invoices"), "no tool traffic: " + transcript);
    assertFalse(agent.find("#detail").text().contains("No tools were called."));

    // the raw JSON is one click away
    assertFalse(agent.findAll("#detail .timeline details pre").getFirst().displayed());
    agent.waitFor(
        "the raw JSON",
        () -> {
          try {
            agent.find("#detail .timeline details summary").click();
            return agent.findAll("#detail .timeline details pre").getFirst().displayed();
          } catch (IllegalStateException stale) {
            return null;
          }
        });
    assertTrue(agent.find("#detail .timeline details pre").text().contains("\"list_invoices\""));

    // the approval, in words, decided right here; its buttons give way to the decision
    agent.waitForText(
        "#detail .approval-inline h3", "Waiting for approval: Refund 10.00 on order " + orderId);
    model.enqueue(Reply.text("The refund of 10.00 is on its way."));
    agent.clickText("#detail .approval-inline button", "Approve");
    agent.waitForText("#detail .approval-inline", "Approved by agt_vera");
    agent.waitFor(
        "the buttons to go", () -> agent.texts("#detail .approval-inline button").isEmpty());
    agent.waitFor(
        "the approved refund",
        () ->
            Database.count(pool, "select count(*) from refund where order_id = $1", orderId) == 1);
  }

  @Test
  void besideAConversationTheAgentSeesTheCustomersPlanServicesInvoicesAndEarlierRatedChats() {
    // an enterprise customer (ids ending 9 or 0) with services and invoices in the demo data
    String customer = "cus_0219";
    String word = InboxSeed.uniqueWord();
    UUID earlier = InboxSeed.conversation(pool, customer, "resolved", "Old question " + word);
    Database.rows(
        pool,
        "insert into conversation_rating (conversation_id, customer_id, score, created_at)"
            + " values ($1, $2, 4, now()) returning score",
        earlier,
        customer);
    UUID now =
        InboxSeed.conversation(pool, customer, "escalated", "New question " + word + " today");
    Row profile =
        Database.rows(
                pool,
                "select c.name, s.plan from customer c join subscription s on s.customer_id ="
                    + " c.id where c.id = $1 order by s.started_at desc limit 1",
                customer)
            .getFirst();
    String invoice =
        Database.rows(
                pool,
                "select number from invoice where customer_id = $1 order by issued_at desc limit"
                    + " 1",
                customer)
            .getFirst()
            .getString(0);
    String service =
        Database.rows(
                pool, "select name from service where customer_id = $1 order by name", customer)
            .getFirst()
            .getString(0);

    SignIn.agent(agent, root.toString(), "agt_pia");
    agent.find("#inbox-assignees [data-assignee=all]").click();
    agent.find("#inbox-statuses [data-status=all]").click();
    agent.find("#inbox-q").type(word);
    agent.find("#inbox-filters button[type=submit]").click();
    agent.clickText("#inbox .item[data-key='conversation:" + now + "']", "New question");

    String panel =
        agent.waitForText("#customer-panel", "About " + profile.getString("name")).text();
    String plan = profile.getString("plan");
    assertTrue(panel.contains(plan.substring(0, 1).toUpperCase() + plan.substring(1)), panel);
    assertTrue(panel.contains(service), panel);
    assertTrue(panel.contains(invoice), panel);
    assertTrue(panel.contains("Old question " + word + " — resolved"), panel);
    assertTrue(panel.contains("★★★★☆"), panel);
    assertFalse(panel.contains("New question"), "the open conversation is not listed: " + panel);
    assertFalse(panel.contains(customer), "names, not ids: " + panel);
    agent.script("document.getElementById('customer-panel').scrollIntoView()");
    agent.screenshot("console-customer-panel");

    agent.clickText("#customer-panel button.link", "Old question");
    agent.waitForText("#detail h2", "Conversation with " + profile.getString("name"));
    agent.waitForText("#detail .transcript", "Old question " + word);
  }

  @Test
  void theCustomerPanelIsForAgentsAndAnUnknownCustomerIs404() {
    Inquiries.asAgent("agt_pia")
        .get("/api/v1/console/customers/cus_9999/panel")
        .then()
        .statusCode(404)
        .body("error", org.hamcrest.Matchers.equalTo("not_found"));
    Inquiries.as("cus_0219").get("/api/v1/console/customers/cus_0219/panel").then().statusCode(403);
  }

  @Test
  void anAdminDraftsAndPublishesAnArticleForAKnowledgeGapFromTheConsole() {
    OffsetDateTime day =
        OffsetDateTime.now(ZoneOffset.UTC).minusDays(27).truncatedTo(ChronoUnit.DAYS);
    List<String> asked =
        List.of(
            "Can I get a carbon footprint report for my services?",
            "Can you send me a report of the carbon emissions of my services?",
            "Do you report the carbon emissions of my hosting?");
    for (int i = 0; i < asked.size(); i++) {
      UUID id = InboxSeed.conversation(pool, "cus_0207", "escalated", asked.get(i));
      Database.rows(
          pool,
          "update message set created_at = $2 where conversation_id = $1 returning id",
          id,
          day.plusMinutes(i));
      InboxSeed.ticket(pool, id, "cus_0207", "normal", "low_confidence", day.plusMinutes(i));
    }
    agent.get(
        root + "console/?since=" + day.toLocalDate() + "&until=" + day.toLocalDate().plusDays(1));
    agent.find("#token").type(TestTokens.admin("adm_gaps"));
    agent.find("[data-paste] button[type=submit]").click();
    agent.waitForText("#gaps-count", "1");
    agent.find("#gaps-panel summary").click();
    String topic = agent.waitForText("#gaps .gap", "3 escalations").text();
    assertTrue(topic.contains(asked.get(2)), topic);
    agent.clickText("#gaps .gap button", "Draft an article");
    agent.find("#gap-0-title").clear().type("Carbon footprint reports");
    agent.script("document.getElementById('gap-0-body').scrollIntoView()");
    agent.screenshot("console-knowledge-gap-draft");
    agent.clickText("#gaps .gap button", "Publish");
    String published = agent.waitForText("#gaps .notice", "Published KB-").text();
    String article = published.replaceAll("(?s).*Published (KB-\\d+).*", "$1");
    assertEquals(
        "Carbon footprint reports",
        Inquiries.as("cus_0207")
            .get("/api/v1/knowledge/articles/" + article)
            .then()
            .statusCode(200)
            .extract()
            .path("title"));
    Inquiries.asAdmin().delete("/api/v1/admin/knowledge/articles/" + article);
  }

  @Test
  void aTicketShowsEveryToolCallOfItsConversationAndWhyItCameToAPerson() {
    model.enqueue(
        Reply.toolCall("list_invoices", "{}"),
        Reply.text("ESCALATE: the customer wants a person to explain an invoice"));
    String word = InboxSeed.uniqueWord();
    String conversation =
        Inquiries.ask("cus_0109", "Explain my last invoice to me please " + word)
            .getString("conversationId");

    SignIn.agent(agent, root.toString(), "agt_vera");
    agent.find("#inbox-q").type(word);
    agent.find("#inbox-filters button[type=submit]").click();
    agent.clickText("#inbox .item[data-key='conversation:" + conversation + "']", "Explain");
    agent.waitForText("#detail .timeline", "Listed the customer's invoices — done");
    String detail = agent.find("#detail").text();
    assertFalse(detail.contains("No tools were called."), detail);
    assertTrue(detail.contains("Why a person"), detail);
    assertTrue(detail.contains("The assistant was "), detail);
    agent.waitForText("#detail dd", "the customer wants a person to explain an invoice");
  }

  @Test
  void aPrivateNoteStaysOffTheChatPageAndACannedReplyPickedInTheConsoleArrivesFilledIn() {
    long reply =
        Inquiries.asAdmin()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "shortcut",
                    "page-" + UUID.randomUUID().toString().substring(0, 6),
                    "title",
                    "Greeting",
                    "body",
                    "Hi {{customer.first_name}}, {{agent}} here. I have your account open."))
            .post("/api/v1/admin/canned-replies")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    String expected =
        "Hi "
            + InboxSeed.name(pool, "cus_0154").split(" ")[0]
            + ", agt_nora here. I have your"
            + " account open.";
    String word = InboxSeed.uniqueWord();
    String secret = "secret" + UUID.randomUUID().toString().substring(0, 6);

    SignIn.customer(customer, root.toString(), "cus_0154");
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"account help\"}"),
        Reply.text("Let me see what I can do."));
    customer.find("#message").type("I need help with my " + word);
    customer.find("#send").click();
    // answered or escalated (the help centre other tests change decides): the turn is over
    customer.waitForText(".msg.bot:not(.streaming) .text", t -> !t.isBlank(), "the bot's answer");
    customer.waitFor("the send button", () -> customer.find("#send").text().equals("Send"));

    SignIn.agent(agent, root.toString(), "agt_nora");
    agent.find("#inbox-statuses [data-status=all]").click();
    agent.find("#inbox-q").type(word);
    agent.find("#inbox-filters button[type=submit]").click();
    agent.clickText("#inbox .item", word);
    agent.clickText("#detail button", "Take over");
    customer.waitForText(".status.human", "agt_nora joined the conversation");
    agent.waitForText("#detail button", "Send reply");

    agent.find("#note").type("Chargeback risk, see " + secret);
    agent.clickText("#detail button", "Add note");
    agent.waitForText("#detail .notes", secret);

    agent.waitFor("the canned replies", () -> agent.findAll("#canned option").size() > 1);
    agent.waitFor(
        "the canned reply in the reply field",
        () -> {
          try {
            agent.find("#canned").select(String.valueOf(reply));
            return expected.equals(agent.find("#reply").property("value"));
          } catch (IllegalStateException stale) {
            return null;
          }
        });
    agent.clickText("#detail button", "Send reply");
    customer.waitForText(".msg.human .text", expected);
    assertFalse(customer.bodyText().contains(secret), "the note never reaches the chat page");
  }
}
