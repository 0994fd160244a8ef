package io.frontdesk.model.transport;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.frontdesk.conversation.ExpirableDeadline;
import io.frontdesk.model.ExpirableCallTimer;
import io.frontdesk.model.ModelEndpoints;
import io.frontdesk.testing.CapturedLog;
import io.frontdesk.testing.Eventually;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model endpoint whose answer drips, breaks off or garbles, through the real quarkus-langchain4j
 * client: its connection is closed when the turn or the call gives up, and an answer that broke off
 * is a model failure (retried, withdrawn, answered offline or ticketed), never a finished one.
 */
@QuarkusTest
class ModelStreamFaultTest {

  private static final String PLAN = "Which plan am I on?";
  // a dispute is what the offline model hands to a person
  private static final String DISPUTE = "I never authorised this charge on my card, I dispute it";
  // what the broken answers say; the offline model never words an answer so
  private static final String CUT = "Certainly: your subscription renews by itself each month.";

  @Inject Pool pool;
  @Inject ModelEndpoints endpoints;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void reset() {
    model.reset();
    endpoints.closeAll();
  }

  @AfterEach
  void closeCircuits() {
    endpoints.closeAll();
    model.reset();
  }

  @Test
  void aDrippingStreamIsClosedAsSoonAsTheTurnRunsOutOfTime() throws Exception {
    model.enqueue(Reply.dripping());
    CompletableFuture<JsonPath> asked =
        CompletableFuture.supplyAsync(() -> Inquiries.ask("cus_0121", DISPUTE));
    Eventually.await("the model call", () -> model.answering() == 1);

    assertEquals(1, ExpirableDeadline.expireAll(), "the turn's deadline was pending");
    JsonPath answer = asked.get(30, TimeUnit.SECONDS);

    assertTrue(answer.getBoolean("escalated"), answer.prettify());
    assertEquals("timeout", ticketReason(answer));
    // the endpoint sees its connection go: its next byte finds it closed
    Eventually.await("the dripping connection closed", () -> model.hungUp() == 1);
    assertEquals(0, model.answering(), "no answer is still being sent");
    assertEquals(1, model.requestCount(), "the reset connection was not sent again");
  }

  @Test
  void aDrippingAnswerAfterAToolRoundIsClosedWithItsTurnToo() throws Exception {
    // the second request of the call is sent from the tool round, not by the turn itself
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"charge dispute\"}"),
        Reply.dripping());
    CompletableFuture<JsonPath> asked =
        CompletableFuture.supplyAsync(() -> Inquiries.ask("cus_0129", DISPUTE));
    Eventually.await(
        "the answer after the tool round",
        () -> model.requestCount() == 2 && model.answering() == 1);

    assertEquals(1, ExpirableDeadline.expireAll(), "the turn's deadline was pending");
    JsonPath answer = asked.get(30, TimeUnit.SECONDS);

    assertEquals("timeout", ticketReason(answer));
    Eventually.await("the dripping connection closed", () -> model.hungUp() == 1);
    assertEquals(2, model.requestCount());
  }

  @Test
  void aDrippingStreamIsClosedWhenTheCallTimesOutAndTheOfflineModelAnswers() throws Exception {
    model.enqueue(Reply.dripping());
    double timeouts = attempts("timeout");
    CompletableFuture<JsonPath> asked =
        CompletableFuture.supplyAsync(() -> Inquiries.ask("cus_0122", PLAN));
    Eventually.await("the model call", () -> model.answering() == 1);

    assertTrue(ExpirableCallTimer.expireAll() >= 1, "the call timeout was pending");
    JsonPath answer = asked.get(30, TimeUnit.SECONDS);

    assertTrue(answer.getBoolean("resolved"), answer.prettify());
    assertTrue(answer.getString("response").toLowerCase().contains("plan"), answer.prettify());
    Eventually.await("the dripping connection closed", () -> model.hungUp() == 1);
    assertEquals(1, model.requestCount(), "a silent endpoint is not asked again");
    assertEquals(timeouts + 1, attempts("timeout"), "the attempt is counted as timed out");
  }

  @Test
  void anAnswerWhoseStreamEndsEarlyIsWithdrawnAndTheOfflineModelAnswers() {
    model.enqueue(Reply.text(CUT).endingAfter(4));
    double truncated = attempts("truncated_stream");

    List<JsonNode> events;
    try (CapturedLog log = CapturedLog.of("io.frontdesk")) {
      events = Inquiries.stream("cus_0123", PLAN, null);

      assertTrue(
          log.warnings().stream()
              .anyMatch(
                  w ->
                      w.contains(endpoint())
                          && w.contains("truncated_stream")
                          && w.contains("no finish_reason and no [DONE]")),
          "a WARN names the endpoint and what was wrong: " + log.warnings());
    }

    List<String> types = types(events);
    int withdrawal = types.indexOf("answer_withdrawn");
    assertTrue(withdrawal > 0, types.toString());
    String sent = textBefore(events, withdrawal);
    assertFalse(sent.isEmpty(), "part of the broken answer had been streamed: " + types);
    assertTrue(CUT.startsWith(sent), sent);
    assertEquals(sent.length(), events.get(withdrawal).get("characters").asInt());
    JsonNode done = events.getLast();
    assertTrue(done.get("resolved").asBoolean(), done.toString());
    assertFalse(done.get("response").asText().contains(sent.strip()), done.toString());
    assertEquals(1, model.requestCount(), "text had been streamed: not asked again");
    assertNothingOfTheCutAnswerStored(UUID.fromString(done.get("conversationId").asText()));
    assertEquals(truncated + 1, attempts("truncated_stream"), "the attempt is counted as failed");
    assertTrue(turnsCounted("error", "truncated_stream"), "the turn is counted as an error");
  }

  @Test
  void anAnswerThatBreaksOffBeforeAnyTextIsSentAgainAndNothingIsWithdrawn() {
    String answer = "Your plan is listed under Settings, Billing (KB-1020).";
    model.enqueue(Reply.text(CUT).endingAfter(0), Reply.text(answer));

    List<JsonNode> events;
    try (CapturedLog log = CapturedLog.of("io.frontdesk.model")) {
      events = Inquiries.stream("cus_0124", PLAN, null);

      assertTrue(
          log.warnings().stream()
              .anyMatch(w -> w.contains("truncated_stream") && w.contains("retrying")),
          "the broken attempt is a WARN even though the retry saved the turn: " + log.warnings());
    }

    assertEquals(2, model.requestCount(), "the broken attempt and its retry");
    assertFalse(types(events).contains("answer_withdrawn"), types(events).toString());
    UUID conversation = UUID.fromString(events.getLast().get("conversationId").asText());
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from message where conversation_id = $1 and role = 'assistant' and"
                + " content = $2",
            conversation,
            answer),
        "the retry's answer is stored");
  }

  @Test
  void aToolCallCutOffMidArgumentsNeverRunsAndTheCallIsSentAgain() {
    model.enqueue(
        Reply.toolCall("perform_account_action", "{\"action\":\"password_reset\"}").endingAfter(2),
        Reply.toolCall("search_knowledge_base", "{\"query\":\"plan\"}"),
        Reply.text("You are on the plan shown under Settings, Billing (KB-1020)."));

    JsonPath answer = Inquiries.ask("cus_0125", "Reset my password and tell me my plan");

    assertEquals(3, model.requestCount(), answer.prettify());
    UUID conversation = UUID.fromString(answer.getString("conversationId"));
    assertEquals(
        0,
        count(
            pool,
            "select count(*) from tool_call where conversation_id = $1 and tool_name ="
                + " 'perform_account_action'",
            conversation),
        "the cut call never ran");
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from tool_call where conversation_id = $1 and tool_name ="
                + " 'search_knowledge_base'",
            conversation));
  }

  @Test
  void aDroppedConnectionMidAnswerIsAModelFailureThatRestNeverAnswersWith() {
    model.enqueue(Reply.text(CUT).droppingAfter(4));

    JsonPath answer = Inquiries.ask("cus_0126", DISPUTE);

    assertTrue(answer.getBoolean("escalated"), answer.prettify());
    assertEquals("model_unavailable", ticketReason(answer));
    assertFalse(answer.getString("response").contains("Certainly"), answer.prettify());
    assertNothingOfTheCutAnswerStored(UUID.fromString(answer.getString("conversationId")));
  }

  @Test
  void aChunkThatIsNotJsonFailsTheAnswerWithoutAnErrorInTheLog() {
    model.enqueue(Reply.text(CUT).malformedAfter(4));
    double malformed = attempts("malformed_stream");

    List<JsonNode> events;
    try (CapturedLog log = CapturedLog.of("")) {
      events = Inquiries.stream("cus_0127", PLAN, null);

      assertEquals(List.of(), log.errors(), "a broken model stream is no ERROR of Frontdesk");
      assertTrue(
          log.warnings().stream()
              // the console filter has masked the address by now; the port names the endpoint
              .anyMatch(w -> w.contains(":" + model.port()) && w.contains("malformed_stream")),
          log.warnings().toString());
    }

    assertTrue(types(events).contains("answer_withdrawn"), types(events).toString());
    assertTrue(events.getLast().get("resolved").asBoolean(), events.getLast().toString());
    assertNothingOfTheCutAnswerStored(
        UUID.fromString(events.getLast().get("conversationId").asText()));
    assertEquals(malformed + 1, attempts("malformed_stream"));
  }

  private void assertNothingOfTheCutAnswerStored(UUID conversation) {
    for (Row row :
        rows(
            pool,
            "select coalesce(content, '') from message where conversation_id = $1 and role ="
                + " 'assistant'",
            conversation)) {
      assertFalse(row.getString(0).contains("Certainly"), "stored: " + row.getString(0));
    }
  }

  private static List<String> types(List<JsonNode> events) {
    return events.stream().map(e -> e.get("type").asText()).toList();
  }

  /** The text streamed before the event at {@code index}. */
  private static String textBefore(List<JsonNode> events, int index) {
    StringBuilder text = new StringBuilder();
    for (JsonNode e : events.subList(0, index)) {
      if (e.get("type").asText().equals("text")) {
        text.append(e.get("delta").asText());
      }
    }
    return text.toString();
  }

  private String endpoint() {
    return endpoints.endpointOf("support");
  }

  private String ticketReason(JsonPath answer) {
    return rows(
            pool,
            "select reason from ticket where id = $1",
            Long.parseLong(answer.getString("ticketId").substring(4)))
        .getFirst()
        .getString(0);
  }

  private static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  /** Model call attempts with this outcome so far, at any endpoint. */
  private static double attempts(String outcome) {
    Matcher series =
        Pattern.compile(
                "^frontdesk_model_attempts_total\\{([^}]*)\\} ([0-9.E+]+)", Pattern.MULTILINE)
            .matcher(metrics());
    double total = 0;
    while (series.find()) {
      if (series.group(1).contains("outcome=\"" + outcome + "\"")) {
        total += Double.parseDouble(series.group(2));
      }
    }
    return total;
  }

  /** Whether a turn series with this outcome and model failure has counted anything. */
  private static boolean turnsCounted(String outcome, String modelFailure) {
    Matcher series =
        Pattern.compile(
                "^frontdesk_turns_seconds_count\\{([^}]*)\\} ([0-9.E+]+)", Pattern.MULTILINE)
            .matcher(metrics());
    while (series.find()) {
      String labels = series.group(1);
      if (labels.contains("outcome=\"" + outcome + "\"")
          && labels.contains("model=\"" + modelFailure + "\"")
          && Double.parseDouble(series.group(2)) > 0) {
        return true;
      }
    }
    return false;
  }
}
