package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.frontdesk.model.Timers;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SSE channel streams the turn's events as the model produces them. */
@QuarkusTest
class TurnStreamTest {

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @Inject Timers timers;

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  @Test
  void aToolUsingTurnStreamsToolCallResultTextDeltasAndDoneInOrder() {
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"rate limit 429\"}"),
        Reply.text("Requests over your plan's limit get 429; wait for Retry-After (KB-1050)."));

    List<JsonNode> events = Inquiries.stream("cus_0019", "I keep getting error 429", null);
    List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
    assertEquals("turn_started", types.getFirst());
    int call = types.indexOf("tool_call");
    int result = types.indexOf("tool_result");
    int firstText = types.indexOf("text");
    int done = types.indexOf("done");
    assertTrue(call > 0 && call < result && result < firstText && firstText < done, "" + types);
    assertEquals(done, types.size() - 1, "done is last");
    long deltas = types.stream().filter("text"::equals).count();
    assertTrue(deltas >= 2, "text deltas: " + deltas);
    assertEquals("search_knowledge_base", events.get(call).get("tool").asText());
    assertTrue(events.get(result).get("success").asBoolean());
    StringBuilder text = new StringBuilder();
    events.stream()
        .filter(e -> e.get("type").asText().equals("text"))
        .forEach(e -> text.append(e.get("delta").asText()));
    assertEquals(
        "Requests over your plan's limit get 429; wait for Retry-After (KB-1050).",
        text.toString());
    assertTrue(events.get(done).get("resolved").asBoolean());
  }

  @Test
  void anEscalateAnswerIsNeverStreamedToTheCustomer() {
    model.enqueue(Reply.text("ESCALATE: legal question about data residency"));

    List<JsonNode> events = Inquiries.stream("cus_0019", "Where is my data stored legally?", null);
    assertTrue(events.stream().noneMatch(e -> e.get("type").asText().equals("text")), "" + events);
    JsonNode escalated =
        events.stream().filter(e -> e.get("type").asText().equals("escalated")).findFirst().get();
    assertEquals("legal question about data residency", escalated.get("summary").asText());
    assertTrue(escalated.get("message").asText().contains(escalated.get("ticketId").asText()));
  }

  @Test
  void anEndedTurnLeavesNoTimerQueued() {
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"rate limit 429\"}"),
        Reply.text("Requests over your plan's limit get 429; wait for Retry-After (KB-1050)."));
    int queuedBefore = timers.pending();
    long armedBefore = timers.armed();

    List<JsonNode> events = Inquiries.stream("cus_0019", "I keep getting error 429", null);

    assertEquals("done", events.getLast().get("type").asText(), "" + events);
    // the turn's deadline and both model calls' silence timeouts went through these timers
    assertTrue(timers.armed() - armedBefore >= 3, "armed: " + (timers.armed() - armedBefore));
    assertEquals(queuedBefore, timers.pending(), "timers the ended turn left queued");
  }
}
