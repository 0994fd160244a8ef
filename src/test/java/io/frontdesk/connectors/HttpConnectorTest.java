package io.frontdesk.connectors;

import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Declarative HTTP tools (src/test/resources/connectors) through the real gate, against a real HTTP
 * backend ({@link ShopBackend}) and the scripted model. Customers cus_0086 (owns SHOP-7001),
 * cus_0087 (owns SHOP-7002), cus_0098 (owns SHOP-7003) and cus_0088 are this test's.
 */
@QuarkusTest
@QuarkusTestResource(ConnectorBackends.class)
class HttpConnectorTest {

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  private JsonPath ask(String customer, String message, Reply... replies) {
    model.enqueue(replies);
    return Inquiries.ask(customer, message);
  }

  private List<Row> audit(JsonPath answer, String tool) {
    return rows(
        pool,
        "select decision, reason, customer_id from audit_log where conversation_id = $1 and action"
            + " = $2 order by id",
        UUID.fromString(answer.getString("conversationId")),
        tool);
  }

  @Test
  void aReadOnlyConnectorToolAnswersTheCustomerWithTheCallersIdFromTheToken() {
    int before = ConnectorBackends.shop().seen("/orders/SHOP-7001").size();

    JsonPath answer =
        ask(
            "cus_0086",
            "Where is my order SHOP-7001?",
            Reply.toolCall("order_status", "{\"order_id\":\"SHOP-7001\"}"),
            Reply.text("Your order SHOP-7001 has shipped with DHL."));

    assertEquals("Your order SHOP-7001 has shipped with DHL.", answer.getString("response"));
    assertFalse(answer.getBoolean("escalated"));
    List<ShopBackend.Seen> calls = ConnectorBackends.shop().seen("/orders/SHOP-7001");
    assertEquals(before + 1, calls.size(), "one call to the order API");
    assertEquals("customer=cus_0086", calls.getLast().query(), "the caller's id, from the token");
    assertEquals("Bearer " + ShopBackend.TOKEN, calls.getLast().authorization());
    String result = model.lastRequest().toolResult("order_status");
    assertTrue(result.contains("shipped") && result.contains("DHL"), result);
    assertFalse(result.contains("margin") || result.contains("fragile"), "mapped out: " + result);
    assertEquals("executed", audit(answer, "order_status").getFirst().getString("decision"));
    String offered = model.requests().getFirst().body();
    assertTrue(model.requests().getFirst().toolNames().contains("order_status"));
    assertFalse(offered.contains("\"customer\""), "the customer field is not offered to the model");
  }

  @Test
  void aModelWritingTheCustomerFieldItselfIsRefusedAndTheBackendNeverCalled() {
    int before = ConnectorBackends.shop().seen().size();

    JsonPath answer =
        ask(
            "cus_0086",
            "Where is order SHOP-7001?",
            Reply.toolCall(
                "order_status", "{\"order_id\":\"SHOP-7001\",\"customer\":\"cus_0087\"}"),
            Reply.text("I could not look that up."));

    Row row = audit(answer, "order_status").getFirst();
    assertEquals("denied", row.getString("decision"));
    assertTrue(row.getString("reason").contains("takes no argument 'customer'"), row.getString(1));
    assertEquals(before, ConnectorBackends.shop().seen().size(), "the backend was never called");
  }

  @Test
  void anotherCustomersOrderIsRefusedByTheOwnershipLookUpAuditedAndNeverFetched() {
    int lookUps = ConnectorBackends.shop().seen("/orders/SHOP-7002/owner").size();

    JsonPath answer =
        ask(
            "cus_0086",
            "Where is order SHOP-7002?",
            Reply.toolCall("order_status", "{\"order_id\":\"SHOP-7002\"}"),
            Reply.text("That order is not on your account."));

    Row row = audit(answer, "order_status").getFirst();
    assertEquals("denied", row.getString("decision"));
    assertEquals("cus_0086", row.getString("customer_id"));
    assertTrue(
        row.getString("reason").endsWith("order SHOP-7002 not found for this customer"),
        row.getString("reason"));
    assertEquals(lookUps + 1, ConnectorBackends.shop().seen("/orders/SHOP-7002/owner").size());
    assertEquals(
        List.of(), ConnectorBackends.shop().seen("/orders/SHOP-7002"), "never fetched for them");
    assertTrue(
        model.lastRequest().toolResult("order_status").contains("not found for this customer"));
  }

  @Test
  void aDataModificationHttpToolWaitsForApprovalThenPostsOnceWithItsKeyAndTheCallersId() {
    JsonPath pending =
        ask(
            "cus_0098",
            "I want to return SHOP-7003, it arrived broken",
            Reply.toolCall(
                "request_return", "{\"order_id\":\"SHOP-7003\",\"reason\":\"arrived broken\"}"));
    assertTrue(pending.getString("response").contains("approval"), pending.prettify());
    assertEquals(List.of(), ConnectorBackends.shop().seen("/orders/SHOP-7003/returns"));
    UUID approval =
        rows(
                pool,
                "select id from approval where conversation_id = $1",
                UUID.fromString(pending.getString("conversationId")))
            .getFirst()
            .getUUID(0);

    model.setDefault(req -> Reply.text("Your return is open."));
    ApprovalFlowTest.decide(approval, "approve", "").then().statusCode(200);
    ApprovalFlowTest.decide(approval, "approve", "").then().statusCode(409);

    List<ShopBackend.Seen> posts = ConnectorBackends.shop().seen("/orders/SHOP-7003/returns");
    assertEquals(1, posts.size(), "one return opened");
    assertEquals("POST", posts.getFirst().method());
    assertNotNull(posts.getFirst().idempotencyKey());
    assertEquals(
        new JsonObject().put("reason", "arrived broken").put("customer", "cus_0098"),
        new JsonObject(posts.getFirst().body()),
        "the caller's id from the token, in the body");
    String result =
        rows(pool, "select result from approval where id = $1", approval).getFirst().getString(0);
    assertTrue(result.contains("RET-SHOP-7003") && !result.contains("label_url"), result);
  }

  @Test
  void aFailingBackendOpensItsBreakerAndTheTurnAnswersWithATicket() {
    String path = "/warehouse/stock/SKU-1";
    for (int turn = 1; turn <= 3; turn++) {
      JsonPath answer =
          ask(
              "cus_0088",
              "Is SKU-1 in stock?",
              Reply.toolCall("warehouse_stock", "{\"sku\":\"SKU-1\"}"),
              Reply.text("I could not check the stock right now."));

      assertTrue(answer.getBoolean("escalated"), "turn " + turn + " hands over to a human");
      assertNotNull(answer.getString("ticketId"), "turn " + turn + " opened a ticket");
      Row row = audit(answer, "warehouse_stock").getFirst();
      assertEquals("failed", row.getString("decision"));
      if (turn == 3) {
        assertTrue(row.getString("reason").contains("CircuitBreakerOpen"), row.getString("reason"));
      }
    }
    // retries: 0 and a request volume of 2: two failed calls opened it, the third never left
    assertEquals(2, ConnectorBackends.shop().seen(path).size());
  }
}
