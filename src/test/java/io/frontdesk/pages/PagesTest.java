package io.frontdesk.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.approval.ApprovalFlowTest;
import io.frontdesk.testing.Browser;
import io.frontdesk.testing.CustomerAndAgentBrowsers;
import io.frontdesk.testing.Database;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.SignIn;
import io.frontdesk.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Both pages with a real conversation on them, at desktop (1280×800) and phone (375×812) width:
 * audited for contrast, labels, focus and overflow, and photographed to target/screenshots (the
 * README shows the copies in docs/).
 */
@QuarkusTest
class PagesTest extends CustomerAndAgentBrowsers {

  @Test
  void theChatAndTheConsoleWithAConversationOnThemPassTheAuditAtDesktopAndPhoneWidth() {
    model.enqueue(Reply.text("ESCALATE: the customer disputes a charge from last month"));
    Inquiries.ask("cus_0188", "I never agreed to the charge from last month");

    Row order = ApprovalFlowTest.paidOrder(pool, "cus_0170", "cus_0199");
    String orderId = order.getString("id");
    SignIn.customer(customer, root.toString(), order.getString("customer_id"));
    model.enqueue(
        Reply.toolCall("list_invoices", "{}"),
        Reply.text(
            "You have three invoices this year; the latest one is paid and nothing is overdue."),
        Reply.toolCall("process_refund", "{\"order_id\":\"" + orderId + "\",\"amount\":10.00}"));
    customer.find("#message").type("Which invoices do I have?");
    customer.find("#send").click();
    customer.waitForText(".msg.bot:not(.streaming) .text", "nothing is overdue");
    customer.waitFor("the send button", () -> customer.find("#send").text().equals("Send"));
    customer.find("#message").type("Please refund 10.00 of order " + orderId);
    customer.find("#send").click();
    customer.waitForText(".notice.approval", "Waiting for approval.");

    agent.get(root + "console");
    agent.find("#token").type(TestTokens.admin("agt_maya"));
    agent.find("[data-paste] button[type=submit]").click();
    agent.waitForText("#kpi-automation", "Automation rate");
    agent.clickText("#approvals .item", "Refund 10.00 on order " + orderId);
    agent.waitForText("#detail dd", orderId);

    for (var page :
        List.of(new Shot(customer, "chat", "#message"), new Shot(agent, "console", "#feedback"))) {
      page.browser().viewport(1280, 800, false);
      assertEquals(List.of(), PageAudit.problems(page.browser()), page.name() + " at 1280 px");
      assertTrue(
          PageAudit.focusRing(page.browser(), page.focus()).matches("solid [2-9](\\.\\d+)?px"),
          page.name() + " shows where the focus is");
      Path desktop = page.browser().screenshot(page.name() + "-desktop");
      page.browser().viewport(375, 812, true);
      page.browser().script("window.scrollTo(0, 0)");
      assertEquals(List.of(), PageAudit.problems(page.browser()), page.name() + " at 375 px");
      Path phone = page.browser().screenshot(page.name() + "-phone");
      assertTrue(Files.exists(desktop) && Files.exists(phone));
    }
    // at phone width the message box is still on screen, under the conversation
    assertTrue(
        customer
            .script(
                "const r = document.getElementById('message').getBoundingClientRect();"
                    + " return r.bottom <= window.innerHeight && r.width > 200")
            .asBoolean());
  }

  @Test
  void theInboxAConversationAndTheKpiPanelPassTheAuditAtDesktopAndPhoneWidth() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    String label = "onboarding-" + UUID.randomUUID().toString().substring(0, 4);
    // three enterprise customers' escalations, as a desk sees them on a morning
    UUID outage =
        escalation(
            "cus_0210",
            "Our production API returns 502 errors since the deploy an hour ago",
            "urgent",
            now.minusHours(2),
            label);
    UUID charged =
        escalation(
            "cus_0220",
            "I was charged twice for the November invoice, please check",
            "high",
            now.minusMinutes(20),
            label);
    escalation(
        "cus_0230",
        "Can we use single sign-on with Okta for our whole team?",
        "normal",
        now.minusMinutes(5),
        label);
    Database.rows(
        pool,
        "insert into conversation_label (conversation_id, label, added_by, added_at) values ($1,"
            + " 'billing', 'agt_maya', now()) returning label",
        charged);

    agent.get(root + "console");
    agent.find("#token").type(TestTokens.admin("agt_maya"));
    agent.find("[data-paste] button[type=submit]").click();
    agent.waitForText("#kpi-csat", "Customer satisfaction");
    agent.waitForText("#inbox-label", label);
    agent.find("#inbox-label").select(label);
    agent.waitForText("#inbox .item", "502 errors");
    String name =
        Database.rows(pool, "select name from customer where id = 'cus_0220'")
            .getFirst()
            .getString(0);
    agent.waitForText("#inbox .item[data-key='conversation:" + charged + "']", name).click();
    agent.waitForText("#customer-panel", "About " + name);
    assertTrue(agent.find("#inbox").text().contains("First response overdue"), outage.toString());

    shoot("console-inbox", "document.getElementById('inbox-title').scrollIntoView()");
    shoot("console-conversation", "document.getElementById('detail').scrollIntoView()");
    shoot("console-kpis", "window.scrollTo(0, 0)");
  }

  /** The console at desktop then phone width, audited, scrolled by {@code scroll}. */
  private void shoot(String name, String scroll) {
    agent.viewport(1280, 800, false);
    agent.script(scroll);
    assertEquals(List.of(), PageAudit.problems(agent), name + " at 1280 px");
    Path desktop = agent.screenshot(name + "-desktop");
    agent.viewport(375, 812, true);
    agent.script(scroll);
    assertEquals(List.of(), PageAudit.problems(agent), name + " at 375 px");
    Path phone = agent.screenshot(name + "-phone");
    assertTrue(Files.exists(desktop) && Files.exists(phone));
  }

  /** A conversation the assistant handed to a person, with its open ticket and a label. */
  private UUID escalation(
      String customer, String text, String priority, OffsetDateTime at, String label) {
    UUID id = UUID.randomUUID();
    Database.rows(
        pool,
        "insert into conversation (id, customer_id, channel, topology, active_agent, status,"
            + " created_at, updated_at) values ($1, $2, 'websocket', 'single', 'support',"
            + " 'escalated', $3, $3) returning id",
        id,
        customer,
        at);
    UUID turn = UUID.randomUUID();
    String insert =
        "insert into message (conversation_id, turn_id, role, agent, content, created_at) values"
            + " ($1, $2, $3, $4, $5, $6) returning id";
    Database.rows(pool, insert, id, turn, "user", null, text, at);
    Database.rows(
        pool,
        insert,
        id,
        turn,
        "assistant",
        "escalation",
        "I've passed this to our support team; they will reply here and by e-mail.",
        at.plusSeconds(2));
    Database.rows(
        pool,
        "insert into ticket (conversation_id, customer_id, status, priority, category, reason,"
            + " summary, confidence, context, created_at, updated_at) values ($1, $2, 'open', $3,"
            + " 'general', 'low_confidence', $4, 0.41, '{}'::jsonb, $5, $5) returning id",
        id,
        customer,
        priority,
        "The customer says: " + text,
        at.plusSeconds(2));
    Database.rows(
        pool,
        "insert into conversation_label (conversation_id, label, added_by, added_at) values ($1,"
            + " $2, 'agt_maya', now()) returning label",
        id,
        label);
    return id;
  }

  private record Shot(Browser browser, String name, String focus) {}
}
