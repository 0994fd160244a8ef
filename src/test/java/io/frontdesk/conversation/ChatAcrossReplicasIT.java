package io.frontdesk.conversation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.approval.ApprovalAcrossReplicasIT;
import io.frontdesk.testing.Replicas;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.ServiceProcess;
import io.frontdesk.testing.SocketClient;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged replicas on one PostgreSQL: the customer chats over a WebSocket on A; the approval
 * is decided and a human agent takes over and replies through B; both reach the customer's socket
 * on A (LISTEN/NOTIFY with the event row as the truth), and A's console socket sees B's takeover.
 */
class ChatAcrossReplicasIT {

  static final String CUSTOMER = "cus_0056";
  static final String AGENT = "agt_replicas";

  @Test
  void anApprovalAndAHumanReplyThroughBReachTheCustomerOnA(@TempDir Path dir) {
    try (ScriptedModelServer model = ScriptedModelServer.start()) {
      model.setDefault(ApprovalAcrossReplicasIT::script);
      Map<String, String> envA = Replicas.env(dir, model);
      try (ServiceProcess a = ServiceProcess.start(dir, "chat-a", envA)) {
        try (ServiceProcess b =
                ServiceProcess.start(dir, "chat-b", Replicas.onTheDatabaseOf(a, envA));
            SocketClient chat =
                SocketClient.connect(
                    URI.create(a.baseUrl()), "/ws/chat", Replicas.token(CUSTOMER, Set.of()));
            SocketClient console =
                SocketClient.connect(
                    URI.create(a.baseUrl()),
                    "/ws/console",
                    Replicas.token(AGENT, Set.of("agent")))) {
          console.next("console_ready");
          String order = ApprovalAcrossReplicasIT.order(a, CUSTOMER);
          chat.send(
              new JsonObject()
                  .put("type", "message")
                  .put("text", "Please refund 5.00 of " + order));
          List<JsonObject> turn = chat.turn();
          assertTrue(
              turn.stream().anyMatch(e -> "approval_required".equals(e.getString("type"))),
              "" + turn);
          String conversation = turn.getLast().getString("conversationId");

          // decided on B: the decision and the follow-up answer reach the socket on A
          String approval = ApprovalAcrossReplicasIT.pendingApproval(b, CUSTOMER);
          assertEquals(200, ApprovalAcrossReplicasIT.approve(b, approval));
          JsonObject decided = chat.next("approval_decided");
          assertEquals(approval, decided.getString("approvalId"));
          assertEquals(conversation, decided.getString("conversationId"));
          JsonObject followUp =
              chat.next(
                  e -> "done".equals(e.getString("type")) && e.containsKey("seq"),
                  Duration.ofMinutes(1));
          assertTrue(
              followUp.getString("response").contains("Your refund was approved"),
              followUp.encode());

          // a human agent on B takes over and replies: the customer on A sees both
          agent(b, "/api/v1/console/conversations/" + conversation + "/takeover", null);
          assertEquals(AGENT, chat.next("agent_joined").getString("agent"));
          agent(
              b,
              "/api/v1/console/conversations/" + conversation + "/messages",
              Map.of("text", "Hi, I'm Dana from billing; the refund is on its way."));
          JsonObject reply = chat.next("agent_message");
          assertEquals(
              "Hi, I'm Dana from billing; the refund is on its way.", reply.getString("text"));
          assertTrue(reply.getInteger("seq") > followUp.getInteger("seq"), reply.encode());

          // and the console socket on A saw what B did
          console.next(
              e ->
                  "approval_decided".equals(e.getString("type"))
                      && approval.equals(e.getJsonObject("approval").getString("id")),
              Duration.ofSeconds(30));
          console.next(
              e ->
                  "conversation_taken_over".equals(e.getString("type"))
                      && conversation.equals(e.getString("conversationId")),
              Duration.ofSeconds(30));
        }
      }
    }
  }

  private static void agent(ServiceProcess service, String path, Object body) {
    var request =
        given()
            .baseUri(service.baseUrl())
            .auth()
            .oauth2(Replicas.token(AGENT, Set.of("agent")))
            .contentType(ContentType.JSON);
    if (body != null) {
      request = request.body(body);
    }
    request.post(path).then().statusCode(200);
  }
}
