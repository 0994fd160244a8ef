package io.frontdesk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One round trip through the real OpenAI client: the model calls a tool that reads PostgreSQL. */
@QuarkusTest
class SupportAgentRoundTripTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject SupportAgent agent;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  @Test
  void modelCallsTheKnowledgeBaseToolAndAnswersFromItsResult() throws Exception {
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"reset forgotten password\"}"),
        Reply.text("Use the 'Forgot password?' link on the sign-in page (KB-1001)."));

    String answer = agent.chat(UUID.randomUUID().toString(), "I forgot my password");

    assertEquals("Use the 'Forgot password?' link on the sign-in page (KB-1001).", answer);
    List<RecordedRequest> sent = model.requests();
    assertEquals(2, sent.size(), "one tool round trip, then the answer");

    RecordedRequest first = sent.get(0);
    assertEquals("I forgot my password", first.lastUserMessage());
    assertTrue(first.systemMessage().contains("Customer Support Specialist"));
    assertEquals(List.of("search_knowledge_base"), first.toolNames());
    assertTrue(first.body().contains("\"query\""), "the tool schema names its parameter");

    String toolResult = sent.get(1).toolResult("search_knowledge_base");
    assertNotNull(toolResult, "the tool's result went back to the model");
    JsonNode result = JSON.readTree(toolResult);
    assertEquals("Found 3 articles", result.get("summary").asText());
    JsonNode top = result.get("results").get(0);
    assertEquals("KB-1001", top.get("id").asText(), "the password-reset article ranks first");
    assertEquals("How do I reset my password?", top.get("title").asText());
    assertTrue(top.get("passage").asText().contains("60 minutes"), "passage from PostgreSQL");
  }

  @Test
  void aToolResultWithNoMatchSaysSo() throws Exception {
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"zzqxv\"}"),
        Reply.text("ESCALATE: nothing in the knowledge base"));

    agent.chat(UUID.randomUUID().toString(), "zzqxv?");

    JsonNode result = JSON.readTree(model.requests().get(1).toolResult("search_knowledge_base"));
    assertEquals("No relevant articles found", result.get("summary").asText());
    assertEquals(0, result.get("results").size());
  }
}
