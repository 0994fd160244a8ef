package io.frontdesk.model;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bare framework path the benchmark measures beside Frontdesk: one blocking, tool-less call of
 * the real quarkus-langchain4j client, and nothing else reaches the model.
 */
@QuarkusTest
class BarePathTest {

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @AfterEach
  void reset() {
    model.reset();
  }

  @Test
  void oneBareCallIsOneToolLessNonStreamingRequestAndItsAnswerComesBack() {
    model.enqueue(Reply.text("You can export your data from Settings."));

    String answer =
        given()
            .contentType("application/json")
            .body("{\"message\":\"How do I export my data?\"}")
            .post("/api/v1/benchmark/bare")
            .then()
            .statusCode(200)
            .extract()
            .path("answer");

    assertEquals("You can export your data from Settings.", answer);
    assertEquals(1, model.requestCount(), "one model call per bare call");
    RecordedRequest request = model.lastRequest();
    assertFalse(request.stream(), "the bare path is the blocking call");
    assertTrue(request.toolNames().isEmpty(), "no tools offered: " + request.toolNames());
    assertEquals("How do I export my data?", request.lastUserMessage());
  }
}
