package io.frontdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The knowledge base is retried with backoff; when it stays down the turn escalates. */
@QuarkusTest
class KnowledgeFaultToleranceTest {

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  @AfterEach
  void healBackend() {
    FlakyKnowledgeRepository.failNext(0);
  }

  @Test
  void twoFailuresThenAnAnswer() {
    FlakyKnowledgeRepository.failNext(2);
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"reset password\"}"),
        Reply.text("Use the reset link (KB-1001)."));

    JsonPath answer = Inquiries.ask("cus_0020", "How do I reset my password?");

    assertEquals(3, FlakyKnowledgeRepository.attempts(), "two failed attempts and a good one");
    assertTrue(model.requests().get(1).toolResult("search_knowledge_base").contains("KB-1001"));
    assertTrue(answer.getBoolean("resolved"));
  }

  @Test
  void aBackendThatStaysDownEndsEscalatedNotInA500() {
    FlakyKnowledgeRepository.failNext(Integer.MAX_VALUE);
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"reset password\"}"),
        Reply.text("Sorry, I could not look that up."));

    JsonPath answer = Inquiries.ask("cus_0021", "How do I reset my password?");

    assertEquals(3, FlakyKnowledgeRepository.attempts(), "three attempts in all");
    assertTrue(model.requests().get(1).toolResult("search_knowledge_base").contains("unavailable"));
    assertTrue(answer.getBoolean("escalated"));
    // no evidence and nothing grounded: only the route's share (at most 0.25 + 0.125)
    assertTrue(answer.getDouble("confidence") < 0.5, answer.prettify());
  }
}
