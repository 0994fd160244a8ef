package io.frontdesk.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.MultiAgentProfile;
import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Multi topology: the router sends a plain case straight to its specialist, no triage call. */
@QuarkusTest
@TestProfile(MultiAgentProfile.class)
class RouterFirstTriageTest {

  static final Predicate<RecordedRequest> TRIAGE = r -> r.systemMessage().contains("Triage Agent");
  static final Predicate<RecordedRequest> TECHNICAL =
      r -> r.systemMessage().contains("Technical Support Engineer");

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  @Test
  void aPlainlyTechnicalMessageGoesStraightToTheTechnicalAgent() {
    model
        .when(TECHNICAL.and(r -> r.toolResult("search_documentation") == null))
        .thenReply(Reply.toolCall("search_documentation", "{\"query\":\"deploy stuck building\"}"))
        .when(TECHNICAL)
        .thenReply(Reply.text("Cancel the stuck deploy and redeploy (DOC-2017)."));

    List<JsonNode> events =
        Inquiries.stream(
            "cus_0161", "My deploy has been stuck in the building phase for two hours", null);

    JsonNode handoff =
        events.stream().filter(e -> e.get("type").asText().equals("handoff")).findFirst().get();
    assertEquals("triage", handoff.get("from").asText());
    assertEquals("technical", handoff.get("to").asText());
    assertEquals("router", handoff.get("reason").asText());
    assertTrue(events.getLast().get("resolved").asBoolean(), events.getLast().toString());
    assertFalse(model.requests().isEmpty());
    assertTrue(
        model.requests().stream().noneMatch(TRIAGE), "no triage request in the server's log");
    assertTrue(TECHNICAL.test(model.requests().getFirst()));
    assertEquals(
        "My deploy has been stuck in the building phase for two hours",
        model.requests().getFirst().lastUserMessage());
  }

  @Test
  void anAmbiguousMessageStillGoesThroughTriage() {
    model
        .when(TRIAGE)
        .thenReply(Reply.toolCall("transfer_to_general", "{\"reason\":\"unclear\"}"))
        .when(r -> r.systemMessage().contains("General Support Specialist"))
        .thenReply(Reply.text("Could you tell me a bit more about what you need?"));

    List<JsonNode> events = Inquiries.stream("cus_0162", "I have a question about something", null);

    assertTrue(TRIAGE.test(model.requests().getFirst()), "triage decided");
    JsonNode handoff =
        events.stream().filter(e -> e.get("type").asText().equals("handoff")).findFirst().get();
    assertEquals("unclear", handoff.get("reason").asText());
  }
}
