package io.frontdesk.connectors;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.approval.ApprovalFlowTest;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An MCP server's tools (src/test/resources/connectors/shop-mcp.yaml) through the real gate,
 * against a real MCP server ({@link ShopMcpServer}, the MCP Java SDK) and the scripted model.
 * Customers cus_0089, cus_0090 and cus_0096 are this test's.
 */
@QuarkusTest
@QuarkusTestResource(ConnectorBackends.class)
class McpConnectorTest {

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  private UUID conversation(JsonPath answer) {
    return UUID.fromString(answer.getString("conversationId"));
  }

  private UUID requestCancel(String customer, String order) {
    model.enqueue(Reply.toolCall("shop_cancel_order", "{\"order_id\":\"" + order + "\"}"));
    JsonPath answer = Inquiries.ask(customer, "Please cancel my order " + order);
    assertTrue(answer.getString("response").contains("approval"), answer.prettify());
    Row approval =
        rows(
                pool,
                "select id, status, tool_name, risk_level from approval where conversation_id ="
                    + " $1",
                conversation(answer))
            .getFirst();
    assertEquals("pending", approval.getString("status"));
    assertEquals("shop_cancel_order", approval.getString("tool_name"));
    assertEquals("data_modification", approval.getString("risk_level"));
    assertEquals(List.of(), ConnectorBackends.mcp().ran("cancel_order", order), "not before");
    return approval.getUUID("id");
  }

  @Test
  void aReadOnlyMcpToolAnswersWithTheCallersIdSentByTheGate() {
    model.enqueue(
        Reply.toolCall("shop_order_note", "{\"order_id\":\"SHOP-9000\"}"),
        Reply.text("It was left with your neighbour."));

    JsonPath answer = Inquiries.ask("cus_0090", "Where was SHOP-9000 delivered?");

    assertEquals("It was left with your neighbour.", answer.getString("response"));
    List<ShopMcpServer.Ran> ran = ConnectorBackends.mcp().ran("order_note", "SHOP-9000");
    assertEquals(1, ran.size());
    assertEquals("cus_0090", ran.getFirst().customer(), "the caller, from the token");
    assertTrue(model.lastRequest().toolResult("shop_order_note").contains("neighbour"));
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from audit_log where conversation_id = $1 and action ="
                + " 'shop_order_note' and decision = 'executed'",
            conversation(answer)));
  }

  @Test
  void eachServersHealthIsInReadinessAndMetrics() {
    given()
        .get("/q/health/ready")
        .then()
        .body(
            "checks.find { it.name == 'MCP servers' }.data.shop",
            org.hamcrest.Matchers.equalTo("up, 2 tool(s)"));
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertTrue(metrics.contains("frontdesk_connector_mcp_up{server=\"shop\"} 1.0"), metrics);
  }

  @Test
  void argumentsAreCheckedAgainstTheServersOwnSchemaBeforeItIsCalled() {
    model.enqueue(
        Reply.toolCall("shop_order_note", "{\"order_id\":9001}"),
        Reply.text("I need the order number as written."));

    JsonPath answer = Inquiries.ask("cus_0090", "Note for 9001?");

    String refused = model.lastRequest().toolResult("shop_order_note");
    assertTrue(refused.contains("argument 'order_id' must be text"), refused);
    assertEquals(List.of(), ConnectorBackends.mcp().ran("order_note", "9001"));
    assertEquals(
        "denied",
        rows(
                pool,
                "select decision from audit_log where conversation_id = $1 and action ="
                    + " 'shop_order_note'",
                conversation(answer))
            .getFirst()
            .getString(0));
  }

  @Test
  void aDataModificationMcpToolWaitsForApprovalAndRunsExactlyOnceWhenApprovedTwice()
      throws Exception {
    UUID approval = requestCancel("cus_0089", "SHOP-9001");
    model.setDefault(req -> Reply.text("Your order SHOP-9001 is cancelled."));

    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService two = Executors.newFixedThreadPool(2);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      statuses.add(
          two.submit(
              () -> {
                together.await();
                return ApprovalFlowTest.decide(approval, "approve", "").statusCode();
              }));
    }
    List<Integer> codes = new ArrayList<>();
    for (Future<Integer> s : statuses) {
      codes.add(s.get());
    }
    two.shutdown();
    ApprovalFlowTest.decide(approval, "approve", "").then().statusCode(409);

    assertEquals(List.of(200, 409), codes.stream().sorted().toList(), "one wins, one conflicts");
    List<ShopMcpServer.Ran> ran = ConnectorBackends.mcp().ran("cancel_order", "SHOP-9001");
    assertEquals(1, ran.size(), "cancelled exactly once");
    assertEquals("cus_0089", ran.getFirst().customer());
    assertNotNull(ran.getFirst().idempotencyKey(), "the side effect carries its key");
    assertEquals(
        "executed",
        rows(pool, "select status from approval where id = $1", approval).getFirst().getString(0));
  }

  @Test
  void aRejectedMcpSideEffectNeverRunsAndOpensATicket() {
    UUID approval = requestCancel("cus_0096", "SHOP-9002");

    ApprovalFlowTest.decide(approval, "reject", "the order already left the warehouse")
        .then()
        .statusCode(200);

    assertEquals(List.of(), ConnectorBackends.mcp().ran("cancel_order", "SHOP-9002"));
    Row conversation =
        rows(
                pool,
                "select a.conversation_id, t.reason from approval a join ticket t on"
                    + " t.conversation_id = a.conversation_id where a.id = $1",
                approval)
            .getFirst();
    assertEquals("approval_rejected", conversation.getString("reason"));
    assertEquals(
        0,
        count(
            pool,
            "select count(*) from audit_log where conversation_id = $1 and action ="
                + " 'shop_cancel_order' and decision = 'executed'",
            conversation.getUUID("conversation_id")),
        "nothing executed");
  }
}
