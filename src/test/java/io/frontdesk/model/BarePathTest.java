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
import java.util.List;
import java.util.UUID;
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
    // a question of its own: other tests' turns may still reach the shared scripted server
    String question = "How do I export my data? " + UUID.randomUUID();
    model
        .when(r -> question.equals(r.lastUserMessage()))
        .thenReply(Reply.text("You can export your data from Settings."));

    String answer =
        given()
            .contentType("application/json")
            .body("{\"message\":\"" + question + "\"}")
            .post("/api/v1/benchmark/bare")
            .then()
            .statusCode(200)
            .extract()
            .path("answer");

    assertEquals("You can export your data from Settings.", answer);
    List<RecordedRequest> mine =
        model.requests().stream().filter(r -> question.equals(r.lastUserMessage())).toList();
    assertEquals(1, mine.size(), "one model call per bare call");
    assertFalse(mine.getFirst().stream(), "the bare path is the blocking call");
    assertTrue(mine.getFirst().toolNames().isEmpty(), "no tools: " + mine.getFirst().toolNames());
  }
}
