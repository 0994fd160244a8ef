package io.frontdesk.approval;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.Replicas;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approvals against the packaged service, as operators run it: two replicas on one PostgreSQL (a
 * decision taken on one is carried out and delivered live on the other), then a restart between the
 * request and the decision ({@link Replicas}).
 */
public class ApprovalAcrossReplicasIT {

  static final Pattern ORDER = Pattern.compile("ord_\\d+");

  /** The model: asked to refund an order it calls process_refund; told an outcome it says it. */
  public static Reply script(RecordedRequest request) {
    String last = request.lastUserMessage();
    if (last != null
        && last.startsWith("[Frontdesk]")
        && request.lastMessage().path("role").asText().equals("user")) {
      return Reply.text("Your refund was approved and has been made.");
    }
    Matcher order = ORDER.matcher(last == null ? "" : last);
    if (order.find() && !request.lastMessageIsToolResult()) {
      return Reply.toolCall(
          "process_refund", "{\"order_id\":\"" + order.group() + "\",\"amount\":5.00}");
    }
    return Reply.text("Done.");
  }

  /** The customer's invoices, as they read them on that replica. */
  public static List<Map<String, Object>> invoices(ServiceProcess service, String customer) {
    return given()
        .baseUri(service.baseUrl())
        .auth()
        .oauth2(Replicas.token(customer, Set.of()))
        .get("/api/v1/invoices")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("invoices");
  }

  /** A paid order of the customer with something left to refund, from their own invoices. */
  public static String order(ServiceProcess service, String customer) {
    List<Map<String, Object>> list = invoices(service, customer);
    for (Map<String, Object> invoice : list) {
      if ("paid".equals(invoice.get("status"))
          && Double.parseDouble(String.valueOf(invoice.get("refundable"))) >= 5) {
        return String.valueOf(invoice.get("orderId"));
      }
    }
    throw new IllegalStateException("no refundable order for " + customer + ": " + list);
  }

  static String requestRefund(ServiceProcess service, String customer, String order) {
    JsonPath answer =
        Replicas.customer(service, customer)
            .body(Map.of("message", "Please refund 5.00 of " + order))
            .post("/api/v1/inquiries")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertTrue(answer.getString("response").contains("approval"), answer.prettify());
    return answer.getString("conversationId");
  }

  public static String pendingApproval(ServiceProcess service, String customer) {
    List<String> ids =
        given()
            .baseUri(service.baseUrl())
            .auth()
            .oauth2(Replicas.token("agt_it", Set.of("agent")))
            .get("/api/v1/console/approvals?status=pending&customer=" + customer)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("id");
    assertEquals(1, ids.size(), "one pending approval for " + customer);
    return ids.getFirst();
  }

  public static int approve(ServiceProcess service, String approval) {
    return given()
        .baseUri(service.baseUrl())
        .auth()
        .oauth2(Replicas.token("agt_it", Set.of("agent")))
        .contentType(ContentType.JSON)
        .body(Map.of("decision", "approve", "feedback", "fine"))
        .post("/api/v1/console/approvals/" + approval + "/decision")
        .statusCode();
  }

  /** What has been refunded on the order, as its invoice shows it. */
  static double refunded(ServiceProcess service, String customer, String order) {
    return invoices(service, customer).stream()
        .filter(i -> order.equals(i.get("orderId")))
        .map(i -> Double.parseDouble(String.valueOf(i.get("refunded"))))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aDecisionOnOneReplicaHoldsOnTheOtherAndAPendingApprovalSurvivesARestart(@TempDir Path dir)
      throws Exception {
    try (ScriptedModelServer model = ScriptedModelServer.start()) {
      model.setDefault(ApprovalAcrossReplicasIT::script);
      Map<String, String> envA = Replicas.env(dir, model);
      String first = "cus_0036";
      String second = "cus_0046";
      String secondOrder;
      String secondConversation;
      try (ServiceProcess a = ServiceProcess.start(dir, "replica-a", envA)) {
        try (ServiceProcess b =
            ServiceProcess.start(dir, "replica-b", Replicas.onTheDatabaseOf(a, envA))) {
          // requested on A, followed live on A, decided on B (twice at once: one wins)
          String order = order(a, first);
          String conversation = requestRefund(a, first, order);
          String approval = pendingApproval(b, first);
          HttpResponse<Stream<String>> feed =
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(
                              URI.create(
                                  a.baseUrl()
                                      + "/api/v1/conversations/"
                                      + conversation
                                      + "/events?token="
                                      + Replicas.token(first, Set.of())))
                          .header("Accept", "text/event-stream")
                          .build(),
                      HttpResponse.BodyHandlers.ofLines());
          ExecutorService pool = Executors.newFixedThreadPool(3);
          Future<List<String>> live =
              pool.submit(
                  () -> {
                    List<String> seen = new ArrayList<>();
                    var lines = feed.body().iterator();
                    while (lines.hasNext()) {
                      String line = lines.next();
                      if (line.startsWith("data:")) {
                        seen.add(line);
                        if (line.contains("\"type\":\"done\"")) {
                          break;
                        }
                      }
                    }
                    return seen;
                  });
          Future<Integer> onA = pool.submit(() -> approve(a, approval));
          Future<Integer> onB = pool.submit(() -> approve(b, approval));
          assertEquals(
              List.of(200, 409),
              Stream.of(onA.get(2, TimeUnit.MINUTES), onB.get(2, TimeUnit.MINUTES))
                  .sorted()
                  .toList(),
              "one replica carries the decision out, the other refuses it");
          List<String> events = live.get(1, TimeUnit.MINUTES);
          pool.shutdownNow();
          assertTrue(events.stream().anyMatch(e -> e.contains("approval_decided")), "" + events);
          assertTrue(events.getLast().contains("Your refund was approved"), events.getLast());
          assertEquals(
              5.0, refunded(b, first, order), 1e-9, "one refund, seen from the other replica");

          // a second request waits while both replicas stop
          secondOrder = order(b, second);
          secondConversation = requestRefund(b, second, secondOrder);
          pendingApproval(a, second);
        }
      }

      try (ServiceProcess restarted = ServiceProcess.start(dir, "replica-a-restarted", envA)) {
        String approval = pendingApproval(restarted, second);
        assertEquals(200, approve(restarted, approval));
        assertEquals(409, approve(restarted, approval), "approving again refunds nothing");
        assertEquals(5.0, refunded(restarted, second, secondOrder), 1e-9, "exactly one refund");
        List<String> transcript =
            given()
                .baseUri(restarted.baseUrl())
                .auth()
                .oauth2(Replicas.token(second, Set.of()))
                .get("/api/v1/conversations/" + secondConversation)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("messages.content");
        assertTrue(transcript.contains("Preparing the refund — done"), "the result: " + transcript);
        assertEquals("Your refund was approved and has been made.", transcript.getLast());
      }
    }
  }
}
