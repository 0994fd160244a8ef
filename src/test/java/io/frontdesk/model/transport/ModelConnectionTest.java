package io.frontdesk.model.transport;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The model's streaming connections through the real quarkus-langchain4j client: kept alive and
 * reused between calls, a kept-alive connection the server closes does not fail the next turn, and
 * a turn whose model call failed is counted as an error.
 */
@QuarkusTest
class ModelConnectionTest {

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  @Test
  void consecutiveStreamedModelCallsShareOneKeptAliveConnection() {
    for (int turn = 0; turn < 3; turn++) {
      JsonPath answer = Inquiries.ask("cus_0071", "How do I export my data?");
      assertTrue(answer.getBoolean("resolved"), answer.prettify());
    }
    // three turns of two streamed calls each (search, then the answer), one after the other
    assertEquals(6, model.requestCount());
    assertEquals(1, model.connections(), "every call after the first reuses the connection");
  }

  @Test
  void aConnectionTheServerClosesBetweenTwoTurnsDoesNotFailTheNextTurn() {
    JsonPath first = Inquiries.ask("cus_0072", "How do I export my data?");
    assertTrue(first.getBoolean("resolved"), first.prettify());
    int before = model.connections();

    model.dropNextReused(1);
    JsonPath second = Inquiries.ask("cus_0072", "How do I reset my password?");

    assertTrue(second.getBoolean("resolved"), second.prettify());
    assertFalse(second.getBoolean("escalated"), second.prettify());
    assertEquals(1, model.dropped(), "the server closed the kept-alive connection");
    assertTrue(
        model.connections() > before,
        "the call was sent again on a new connection (" + model.connections() + ")");
  }

  @Test
  void aTurnThatCouldNotReachTheModelIsCountedAsAnErrorThoughTheCustomerGetsATicket() {
    // the model refuses the call (HTTP 400, never retried): the turn cannot be answered
    JsonPath first = Inquiries.ask("cus_0073", "How do I export my data?");
    assertTrue(first.getBoolean("resolved"), first.prettify());
    model.failNext(1, 400);

    JsonPath failed = Inquiries.ask("cus_0073", "How do I reset my password?");

    assertTrue(failed.getBoolean("escalated"), failed.prettify());
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertTrue(
        turnsCounted(metrics, "error", "agent_error"),
        () ->
            "the failed turn is an error in frontdesk_turns: "
                + metrics
                    .lines()
                    .filter(l -> l.startsWith("frontdesk_turns_seconds_count"))
                    .toList());
    assertFalse(turnsCounted(metrics, "escalated", "agent_error"), "never an ordinary escalation");
  }

  /** Whether a turn series with this outcome and reason has counted anything (any other labels). */
  private static boolean turnsCounted(String metrics, String outcome, String reason) {
    java.util.regex.Matcher series =
        java.util.regex.Pattern.compile(
                "^frontdesk_turns_seconds_count\\{([^}]*)\\} ([0-9.]+)",
                java.util.regex.Pattern.MULTILINE)
            .matcher(metrics);
    while (series.find()) {
      String labels = series.group(1);
      if (labels.contains("agent=\"support\"")
          && labels.contains("outcome=\"" + outcome + "\"")
          && labels.contains("reason=\"" + reason + "\"")
          && Double.parseDouble(series.group(2)) > 0) {
        return true;
      }
    }
    return false;
  }
}
