package io.frontdesk.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontdesk.testing.CustomerAndAgentBrowsers;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.SignIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * An approval for an MCP connector's side effect in two headless browsers: the console shows it in
 * words, the reviewer approves it, the server runs it once and the customer's chat hears back.
 * Customer cus_0097 is this test's.
 */
@QuarkusTest
@QuarkusTestResource(ConnectorBackends.class)
class ConnectorApprovalPageTest extends CustomerAndAgentBrowsers {

  @Test
  void aConnectorToolsApprovalIsShownInWordsInTheConsole() {
    String customerId = "cus_0097";
    model.enqueue(Reply.toolCall("shop_cancel_order", "{\"order_id\":\"SHOP-9003\"}"));
    SignIn.customer(customer, root.toString(), customerId);
    SignIn.agent(agent, root.toString(), "agt_page");

    customer.find("#message").type("Please cancel my order SHOP-9003");
    customer.find("#send").click();
    customer.waitForText(".notice.approval", "Waiting for approval.");

    agent.clickText("#approvals .item", "Shop cancel order (order id SHOP-9003)");
    agent.waitForText("#detail dd", "Shop cancel order (order id SHOP-9003)");
    agent.waitForText("#detail dd", "data modification");
    agent.screenshot("console-connector-approval");
    model.enqueue(Reply.text("Your order SHOP-9003 is cancelled."));
    agent.waitForText("#detail button", "Approve").click();
    agent.waitForText("#detail .notice", "Decided: executed.");

    customer.waitForText(".msg.bot .text", "Your order SHOP-9003 is cancelled.");
    assertEquals(
        1, ConnectorBackends.mcp().ran("cancel_order", "SHOP-9003").size(), "cancelled once");
  }
}
