package io.frontdesk.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.approval.ApprovalAcrossReplicasIT;
import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.Replicas;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.ServiceProcess;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MCP connector's side effect approved on two replicas of the packaged service at once (one
 * PostgreSQL): one replica carries it out, the other refuses, and the MCP server runs it once.
 */
class ConnectorReplicasIT {

  /** Asked to cancel an order the model calls the MCP tool; told the outcome, it says so. */
  static Reply script(RecordedRequest request) {
    String last = request.lastUserMessage() == null ? "" : request.lastUserMessage();
    if (last.startsWith("[Frontdesk]")) {
      return Reply.text("Your order is cancelled.");
    }
    if (last.contains("SHOP-9100") && !request.lastMessageIsToolResult()) {
      return Reply.toolCall("shop_cancel_order", "{\"order_id\":\"SHOP-9100\"}");
    }
    return Reply.text("Done.");
  }

  @Test
  void anMcpSideEffectApprovedOnTwoReplicasAtOnceRunsOnce(@TempDir Path dir) throws Exception {
    Path connectors = Files.createDirectories(dir.resolve("connectors"));
    Files.copy(
        Path.of("src/test/resources/connectors/shop-mcp.yaml"),
        connectors.resolve("shop-mcp.yaml"));
    try (ScriptedModelServer model = ScriptedModelServer.start();
        ShopMcpServer mcp = new ShopMcpServer()) {
      model.setDefault(ConnectorReplicasIT::script);
      Map<String, String> env = new HashMap<>(Replicas.env(dir, model));
      env.put("FRONTDESK_CONNECTORS_DIR", connectors.toString());
      env.put("SHOP_MCP_URL", mcp.url());
      try (ServiceProcess a = ServiceProcess.start(dir, "replica-a", env);
          ServiceProcess b =
              ServiceProcess.start(dir, "replica-b", Replicas.onTheDatabaseOf(a, env))) {
        JsonPath asked =
            Replicas.customer(a, "cus_0036")
                .body(Map.of("message", "Please cancel my order SHOP-9100"))
                .post("/api/v1/inquiries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(asked.getString("response").contains("approval"), asked.prettify());
        String approval = ApprovalAcrossReplicasIT.pendingApproval(b, "cus_0036");

        ExecutorService two = Executors.newFixedThreadPool(2);
        Future<Integer> onA = two.submit(() -> ApprovalAcrossReplicasIT.approve(a, approval));
        Future<Integer> onB = two.submit(() -> ApprovalAcrossReplicasIT.approve(b, approval));
        List<Integer> codes =
            Stream.of(onA.get(2, TimeUnit.MINUTES), onB.get(2, TimeUnit.MINUTES)).sorted().toList();
        two.shutdown();

        assertEquals(List.of(200, 409), codes, "one replica carries it out, the other refuses");
        List<ShopMcpServer.Ran> ran = mcp.ran("cancel_order", "SHOP-9100");
        assertEquals(1, ran.size(), "the MCP server cancelled once");
        assertEquals("cus_0036", ran.getFirst().customer());
      }
    }
  }
}
