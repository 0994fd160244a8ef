package io.frontdesk.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.approval.ApprovalFlowTest;
import io.frontdesk.testing.Browser;
import io.frontdesk.testing.CustomerAndAgentBrowsers;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.SignIn;
import io.frontdesk.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    agent.waitForText("#tickets .item", "cus_0188");
    agent.waitForText("#approvals .item", "process_refund").click();
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

  private record Shot(Browser browser, String name, String focus) {}
}
