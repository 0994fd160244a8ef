package io.frontdesk.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.approval.ApprovalFlowTest;
import io.frontdesk.testing.Browser;
import io.frontdesk.testing.Database;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The human agent's console and the customer's chat side by side in two headless browsers. */
@QuarkusTest
class ConsolePageTest {

  @TestHTTPResource("/")
  URL root;

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();
  private Browser customer;
  private Browser agent;

  @BeforeEach
  void setUp() {
    model.reset();
    customer = Browser.open();
    agent = Browser.open();
  }

  @AfterEach
  void tearDown() {
    customer.close();
    agent.close();
  }

  static void signInCustomer(Browser browser, String url, String customerId) {
    browser.get(url);
    browser.find("#token").type(TestTokens.customer(customerId));
    browser.find("[data-paste] button[type=submit]").click();
    browser.waitForText(".conn", "Connected");
  }

  static void signInAgent(Browser browser, String url, String agentId) {
    browser.get(url + "console");
    browser.find("#token").type(TestTokens.agent(agentId));
    browser.find("[data-paste] button[type=submit]").click();
    browser.waitForText(".conn", "Live");
  }

  @Test
  void anApprovalDecidedInTheConsoleReachesTheCustomersOpenChat() {
    Row order = ApprovalFlowTest.paidOrder(pool, "cus_0170", "cus_0199");
    String orderId = order.getString("id");
    String customerId = order.getString("customer_id");
    model.enqueue(
        Reply.toolCall("process_refund", "{\"order_id\":\"" + orderId + "\",\"amount\":10.00}"));
    signInCustomer(customer, root.toString(), customerId);
    signInAgent(agent, root.toString(), "agt_page");

    customer.find("#message").type("Please refund 10.00 of " + orderId);
    customer.find("#send").click();
    customer.waitForText(".notice.approval", "Waiting for approval.");

    agent.waitForText("#approvals .item", "process_refund · " + customerId).click();
    agent.waitForText("#detail dd", orderId);
    model.enqueue(Reply.text("Good news: the refund of 10.00 is on its way to your card."));
    agent.find("#feedback").type("Within the refund policy");
    agent.waitForText("#detail button", "Approve").click();
    agent.waitForText("#detail .notice", "Decided: executed.");

    customer.waitForText(
        ".notice.approval[data-status=approved]",
        "Approved by agt_page. “Within the refund policy”");
    customer.waitForText(".msg.bot .text", "Good news: the refund of 10.00 is on its way");
    customer.waitForText(".status.tool", "Preparing the refund — done");
    assertEquals(
        1,
        Database.count(pool, "select count(*) from refund where order_id = $1", orderId),
        "exactly the approved refund ran");
    agent.waitFor(
        "the decided approval to leave the queue",
        () -> !agent.find("#approvals").text().contains("process_refund · " + customerId));
    assertTrue(agent.bodyText().contains("Signed in as agt_page"));
  }

  @Test
  void aChatReopenedAfterARejectionShowsTheDecisionAndTheTicket() {
    Row order = ApprovalFlowTest.paidOrder(pool, "cus_0170", "cus_0199");
    String orderId = order.getString("id");
    String customerId = order.getString("customer_id");
    model.enqueue(
        Reply.toolCall("process_refund", "{\"order_id\":\"" + orderId + "\",\"amount\":12.00}"));
    signInCustomer(customer, root.toString(), customerId);
    customer.find("#message").type("Refund 12.00 of " + orderId + " please");
    customer.find("#send").click();
    customer.waitForText(".notice.approval", "Waiting for approval.");
    // the customer leaves the page; the reviewer decides meanwhile
    customer.get("about:blank");

    signInAgent(agent, root.toString(), "agt_page");
    agent.waitForText("#approvals .item", "process_refund · " + customerId).click();
    agent.find("#feedback").type("Refunds over 10 need the account owner");
    agent.waitForText("#detail button", "Reject").click();
    agent.waitForText("#detail .notice", "Decided: rejected.");

    // back on the page: the transcript is restored and the missed events are replayed once
    customer.get(root.toString());
    customer.waitForText(".msg.me", "Refund 12.00 of " + orderId + " please");
    customer.waitForText(
        ".notice.approval[data-status=rejected]",
        "Not approved by agt_page. “Refunds over 10 need the account owner”");
    String ticket = customer.waitForText(".notice.ticket", "opened.").attribute("data-ticket");
    assertTrue(ticket.startsWith("TCK-"), ticket);
    assertEquals(1, customer.findAll(".notice.approval").size(), "one notice per approval");
    assertEquals(1, customer.findAll(".notice.ticket").size(), "one notice per ticket");
  }
}
