package io.frontdesk.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.approval.ApprovalFlowTest;
import io.frontdesk.security.SecurityConfig;
import io.frontdesk.testing.CustomerAndAgentBrowsers;
import io.frontdesk.testing.Database;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.SignIn;
import io.frontdesk.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The human agent's console and the customer's chat side by side in two headless browsers. */
@QuarkusTest
class ConsolePageTest extends CustomerAndAgentBrowsers {

  @Inject SecurityConfig security;

  @Test
  void anApprovalDecidedInTheConsoleReachesTheCustomersOpenChat() {
    Row order = ApprovalFlowTest.paidOrder(pool, "cus_0170", "cus_0199");
    String orderId = order.getString("id");
    String customerId = order.getString("customer_id");
    model.enqueue(
        Reply.toolCall("process_refund", "{\"order_id\":\"" + orderId + "\",\"amount\":10.00}"));
    SignIn.customer(customer, root.toString(), customerId);
    SignIn.agent(agent, root.toString(), "agt_page");

    customer.find("#message").type("Please refund 10.00 of " + orderId);
    customer.find("#send").click();
    customer.waitForText(".notice.approval", "Waiting for approval.");

    agent.clickText("#approvals .item", "Refund 10.00 on order " + orderId);
    agent.waitForText("#detail dd", orderId);
    model.enqueue(Reply.text("Good news: the refund of 10.00 is on its way to your card."));
    agent.find("#feedback").type("Within the refund policy");
    agent.waitForText("#detail button", "Approve").click();
    agent.waitForText("#detail .notice", "Decided: executed.");

    customer.waitForText(
        ".notice.approval[data-status=approved]", "Approved. “Within the refund policy”");
    customer.waitForText(".msg.bot .text", "Good news: the refund of 10.00 is on its way");
    customer.waitForText(".status.tool", "Preparing the refund — done");
    assertEquals(
        1,
        Database.count(pool, "select count(*) from refund where order_id = $1", orderId),
        "exactly the approved refund ran");
    agent.waitFor(
        "the decided approval to leave the queue",
        () -> !agent.find("#approvals").text().contains("Refund 10.00 on order " + orderId));
    assertTrue(agent.bodyText().contains("Signed in as agt_page"));
  }

  @Test
  void whenTheAgentsTokenExpiresTheConsoleSignsInAgainAndStaysLive() {
    // accepted now, expired (clock skew included) a few seconds from now
    String shortLived =
        TestTokens.withClaims(
            Map.of("sub", "agt_tess", "groups", Set.of("agent")),
            Instant.now().minus(security.clockSkew()).plusSeconds(6));
    agent.get(root + "console");
    agent.find("#token").type(shortLived);
    agent.find("[data-paste] button[type=submit]").click();
    agent.waitForText(".conn", "Live"::equals, "the live console socket");

    // the socket closes with 4401: the console asks for a token again
    agent.waitFor("the sign-in form again", () -> agent.find("#signin").displayed());
    agent.find("#token").clear().type(TestTokens.agent("agt_tess"));
    agent.find("[data-paste] button[type=submit]").click();
    agent.waitForText(".conn", "Live"::equals, "the live console socket again");

    // what happens from now on reaches it live
    String word = InboxSeed.uniqueWord();
    String conversation =
        Inquiries.ask("cus_0131", "I want to talk to a human please about " + word)
            .getString("conversationId");
    agent.find("#inbox-q").type(word);
    agent.find("#inbox-filters button[type=submit]").click();
    agent.waitForText(
        "#inbox .item[data-key='conversation:" + conversation + "']",
        InboxSeed.name(pool, "cus_0131"));
    assertTrue(agent.bodyText().contains("Signed in as agt_tess"));
  }

  @Test
  void aChatReopenedAfterARejectionShowsTheDecisionAndTheTicket() {
    Row order = ApprovalFlowTest.paidOrder(pool, "cus_0170", "cus_0199");
    String orderId = order.getString("id");
    String customerId = order.getString("customer_id");
    model.enqueue(
        Reply.toolCall("process_refund", "{\"order_id\":\"" + orderId + "\",\"amount\":12.00}"));
    SignIn.customer(customer, root.toString(), customerId);
    customer.find("#message").type("Refund 12.00 of " + orderId + " please");
    customer.find("#send").click();
    customer.waitForText(".notice.approval", "Waiting for approval.");
    // the customer leaves the page; the reviewer decides meanwhile
    customer.get("about:blank");

    SignIn.agent(agent, root.toString(), "agt_page");
    agent.clickText("#approvals .item", "Refund 12.00 on order " + orderId);
    agent.find("#feedback").type("Refunds over 10 need the account owner");
    agent.waitForText("#detail button", "Reject").click();
    agent.waitForText("#detail .notice", "Decided: rejected.");

    // back on the page: the transcript is restored and the missed events are replayed once
    customer.get(root.toString());
    customer.waitForText(".msg.me", "Refund 12.00 of " + orderId + " please");
    customer.waitForText(
        ".notice.approval[data-status=rejected]",
        "Not approved. “Refunds over 10 need the account owner”");
    String ticket = customer.waitForText(".notice.ticket", "Ticket TCK-").attribute("data-ticket");
    assertTrue(ticket.startsWith("TCK-"), ticket);
    assertEquals(
        1, customer.findAll(".notice.approval:not(.decided)").size(), "one notice per approval");
    assertEquals(1, customer.findAll(".notice.approval.decided").size(), "one per decision");
    assertEquals(1, customer.findAll(".notice.ticket").size(), "one notice per ticket");
  }

  @Test
  void anEscalationAppearsInTheConsoleWithoutAReloadAndItsResolutionReachesTheCustomer() {
    SignIn.agent(agent, root.toString(), "agt_page");
    agent.script("window.notReloaded = true");
    SignIn.customer(customer, root.toString(), "cus_0183");
    model.enqueue(Reply.text("ESCALATE: the customer disputes the March charge with their bank"));
    String word = InboxSeed.uniqueWord();
    customer.find("#message").type("I want to dispute the March charge " + word);
    customer.find("#send").click();
    String ticket = customer.waitForText(".notice.ticket", "Ticket TCK-").attribute("data-ticket");

    // the escalated conversation is in the inbox, its ticket one of its states
    agent.find("#inbox-q").type(word);
    agent.find("#inbox-filters button[type=submit]").click();
    String name = InboxSeed.name(pool, "cus_0183");
    agent.waitForText("#inbox .item", name + " · I want to dispute the March charge").click();
    agent.waitForText("#detail dd", "the customer disputes the March charge with their bank");
    String detail = agent.find("#detail").text();
    assertTrue(detail.contains(name), detail);
    assertTrue(detail.contains(ticket), detail);
    assertTrue(detail.contains("Confidence"), detail);
    agent.waitForText("#detail .transcript", "I want to dispute the March charge");
    assertTrue(agent.script("return window.notReloaded === true").asBoolean(), "no reload");

    agent.find("#resolve-note").type("Refunded by the billing team");
    agent.waitForText("#detail button", "Resolve ticket").click();
    customer.waitForText(
        ".msg.human .text",
        "Your ticket #" + ticket + " has been resolved: Refunded by the billing");
    agent.waitFor(
        "the resolved conversation to leave the open view",
        () -> !agent.find("#inbox").text().contains("I want to dispute the March charge"));

    // the customer rates the help; an admin sees it in the KPI panel of the day
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    long before =
        Inquiries.asAdmin()
            .queryParam("since", today.toString())
            .queryParam("until", today.plusDays(1).toString())
            .get("/api/v1/admin/stats")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("ratings");
    customer.waitForText("#rating strong", "How did we do?");
    customer.find("#rating .star[data-score='4']").click();
    customer.find("#rating-comment").type("Quick and friendly");
    customer.screenshot("chat-rating");
    customer.find("#rating button[type=submit]").click();
    customer.waitForText("#rating", "Thank you for your rating.");
    Row rating =
        Database.rows(
                pool,
                "select r.score, r.comment from conversation_rating r join conversation c on c.id"
                    + " = r.conversation_id where c.customer_id = 'cus_0183' order by r.created_at"
                    + " desc limit 1")
            .getFirst();
    assertEquals(4, rating.getInteger("score"));
    assertEquals("Quick and friendly", rating.getString("comment"));
    agent.get(root + "console/?since=" + today + "&until=" + today.plusDays(1));
    agent.script("localStorage.clear()");
    agent.get(root + "console/?since=" + today + "&until=" + today.plusDays(1));
    agent.find("#token").type(TestTokens.admin("adm_csat"));
    agent.find("[data-paste] button[type=submit]").click();
    agent.waitForText("#kpi-csat", (before + 1) + " rating");
  }

  @Test
  void aTakeoverReplyReachesTheCustomerAndHandingBackReturnsTheConversationToTheBot() {
    SignIn.customer(customer, root.toString(), "cus_0186");
    // a tool-backed answer, confident enough not to escalate
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"cannot sign in\"}"),
        Reply.text("Let me look into your sign-in problem."));
    customer.find("#message").type("I cannot sign in since this morning");
    customer.find("#send").click();
    customer.waitForText(
        ".msg.bot:not(.streaming) .text", "Let me look into your sign-in problem.");

    SignIn.agent(agent, root.toString(), "agt_lee");
    // the bot answered it: the inbox lists it under all (and resolved), by the customer's name
    agent.find("#inbox-statuses [data-status=all]").click();
    agent.find("#inbox-q").type("morning");
    agent.find("#inbox-filters button[type=submit]").click();
    agent
        .waitForText("#inbox .item", InboxSeed.name(pool, "cus_0186") + " · I cannot sign in")
        .click();
    agent.waitForText("#detail button", "Take over").click();
    customer.waitForText(".status.human", "agt_lee joined the conversation");
    agent.find("#reply").type("Hi, I am Lee from the Skyline team. I reset your sign-in.");
    agent.waitForText("#detail button", "Send reply").click();
    customer.waitForText(".msg.human .text", "Hi, I am Lee from the Skyline team.");

    // while the conversation is taken over, the customer's words go to the human, not the model
    int modelCalls = model.requestCount();
    customer.waitFor("the send button", () -> customer.find("#send").text().equals("Send"));
    customer.find("#message").type("It works now, thank you");
    agent.waitForText("#customer-typing", "cus_0186 is typing…");
    customer.find("#send").click();
    agent.waitForText("#detail .transcript", "It works now, thank you");
    assertEquals(modelCalls, model.requestCount(), "no model call while a human holds it");

    agent.waitForText("#detail button", "Hand back to the bot").click();
    customer.waitForText(".status.human", "the assistant is back");
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"export data\"}"),
        Reply.text("Glad it works. You export your data under Settings, Export."));
    customer.waitFor("the send button", () -> customer.find("#send").text().equals("Send"));
    customer.find("#message").type("How do I export my data?");
    customer.find("#send").click();
    customer.waitForText(".msg.bot .text", "You export your data under Settings, Export.");
    assertEquals(modelCalls + 2, model.requestCount(), "the bot answers again");
    agent.waitForText("#conversation-mode", "bot answering");
  }

  @Test
  void theKpiPanelShowsTheFiguresOfASeededDay() {
    // a day no other test writes to, inside the 30 days retention keeps (its hourly purge would
    // delete older seeds mid-test): four conversations, every figure worked out by hand
    OffsetDateTime day =
        OffsetDateTime.now(ZoneOffset.UTC).minusDays(25).truncatedTo(ChronoUnit.DAYS);
    // A (free) resolved by the bot: answered after 4 s; the provider reported 1000 in, 500 out
    UUID a = seedConversation(day, "cus_0111", "resolved", 10);
    seedTurn(day, a, 10, 10, "support", 30, 4);
    Database.rows(
        pool,
        "insert into model_usage (turn_id, conversation_id, model, input_tokens, output_tokens,"
            + " reported, created_at) values ($1, $2, 'gpt-4o-mini', 1000, 500, true, $3)"
            + " returning turn_id",
        UUID.randomUUID(),
        a,
        day.plusMinutes(10));
    // B (free) escalated for low confidence: the ticket notice after 2 s; the ticket is open
    UUID b = seedConversation(day, "cus_0112", "escalated", 20);
    seedTurn(day, b, 20, 20, "escalation", 10, 2);
    seedTicket(day, b, "cus_0112", "open", "low_confidence", 20);
    // C (free): the bot answered after 6 s; then a person answered and resolved it; the customer
    // wrote again once (reopened) and rated it 5
    UUID c = seedConversation(day, "cus_0113", "resolved", 30);
    seedTurn(day, c, 30, 10, "support", 20, 6);
    seedTurn(day, c, 31, 10, "human:agt_kim", 10, 3);
    seedTicket(day, c, "cus_0113", "resolved", "customer_request", 31);
    Database.rows(pool, "update conversation set reopened = 1 where id = $1 returning id", c);
    Database.rows(
        pool,
        "insert into conversation_rating (conversation_id, customer_id, score, created_at)"
            + " values ($1, 'cus_0113', 5, $2) returning score",
        c,
        day.plusMinutes(40));
    // D (pro) still open: the bot answered after 2 s (the offline model: no usage)
    UUID d = seedConversation(day, "cus_0116", "open", 40);
    seedTurn(day, d, 40, 5, "support", 15, 2);

    agent.get(
        root + "console/?since=" + day.toLocalDate() + "&until=" + day.toLocalDate().plusDays(1));
    agent.find("#token").type(TestTokens.admin("adm_page"));
    agent.find("[data-paste] button[type=submit]").click();
    // turns A1 B1 C1 C2 D1 = 5, by the bot alone A1 C1 D1 = 3
    agent.waitForText("#kpi-automation", "60.0 %");
    assertTrue(agent.find("#kpi-automation").text().contains("3 of 5 turns"));
    // first answers 4 + 2 + 6 + 2 s over 4 conversations; free (4 + 2 + 6) / 3, pro 2
    agent.waitForText("#kpi-first-response", "3.5 s");
    agent.waitForText("#kpi-first-response-tiers", "free 4.0 s · pro 2.0 s");
    // resolved with nothing open: A and C of 4
    agent.waitForText("#kpi-resolution", "50.0 %");
    assertTrue(agent.find("#kpi-resolution").text().contains("2 of 4 conversations"));
    agent.waitForText("#kpi-csat", "100.0 %");
    assertTrue(agent.find("#kpi-csat").text().contains("1 rating · average 5.0 of 5"));
    // C reopened, of A and C resolved
    agent.waitForText("#kpi-reopen", "50.0 %");
    // gpt-4o-mini 0.15 / 0.60 per million: 1000 x 0.15 + 500 x 0.60 = 450 per million =
    // 0.00045, over 2 resolved; as the provider reported it (no "≈")
    agent.waitForText("#kpi-cost", "USD 0.000225");
    assertTrue(
        agent.find("#kpi-cost").text().contains("1000 in / 500 out tokens as reported by"),
        agent.find("#kpi-cost").text());
    assertFalse(agent.find("#kpi-cost").text().contains("≈"));
    agent.waitForText("#kpi-escalations", "Asked for a person 1 · The assistant was unsure 1");
    assertTrue(agent.find("#kpi-escalations .value").text().equals("2"));
  }

  private UUID seedConversation(OffsetDateTime day, String customer, String status, int minute) {
    UUID id = UUID.randomUUID();
    Database.rows(
        pool,
        "insert into conversation (id, customer_id, channel, topology, active_agent, status,"
            + " created_at, updated_at) values ($1, $2, 'websocket', 'single', 'support', $3, $4,"
            + " $4) returning id",
        id,
        customer,
        status,
        day.plusMinutes(minute));
    return id;
  }

  /** A customer message at the minute and its answer {@code after} seconds later. */
  private void seedTurn(
      OffsetDateTime day,
      UUID conversation,
      int minute,
      int userTokens,
      String answeredBy,
      int answerTokens,
      int after) {
    UUID turn = UUID.randomUUID();
    String insert =
        "insert into message (conversation_id, turn_id, role, agent, content, token_count,"
            + " created_at) values ($1, $2, $3, $4, $5, $6, $7) returning id";
    OffsetDateTime at = day.plusMinutes(minute);
    Database.rows(pool, insert, conversation, turn, "user", null, "a question", userTokens, at);
    Database.rows(
        pool,
        insert,
        conversation,
        turn,
        "assistant",
        answeredBy,
        "an answer",
        answerTokens,
        at.plusSeconds(after));
  }

  private void seedTicket(
      OffsetDateTime day,
      UUID conversation,
      String customer,
      String status,
      String reason,
      int minute) {
    Database.rows(
        pool,
        "insert into ticket (conversation_id, customer_id, status, priority, category, reason,"
            + " summary, confidence, context, created_at, updated_at) values ($1, $2, $3,"
            + " 'normal', 'general', $4, 'seeded for the KPI panel', 0.5, '{}'::jsonb, $5, $5)"
            + " returning id",
        conversation,
        customer,
        status,
        reason,
        day.plusMinutes(minute));
  }
}
