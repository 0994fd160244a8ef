package io.frontdesk.conversation;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.frontdesk.testing.Eventually;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkiverse.langchain4j.runtime.aiservice.QuarkusAiServiceContext;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Memory per conversation in PostgreSQL: the window the model gets, the transcript kept. */
@QuarkusTest
class ConversationMemoryTest {

  private static final String FILLER = " Some more detail about the situation.".repeat(5);

  @Inject Pool pool;
  @Inject RetentionJob retention;
  @Inject @Any Instance<QuarkusAiServiceContext> agentContexts;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  @Test
  void theSecondMessageCarriesTheFirstExchange() {
    model.enqueue(
        Reply.toolCall("perform_account_action", "{\"action\":\"subscription_info\"}"),
        Reply.text("You are on the Pro plan, billed monthly."));
    UUID conversation =
        UUID.fromString(
            Inquiries.ask("cus_0016", "Which plan am I on?").getString("conversationId"));

    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"downgrade plan\"}"),
        Reply.text("You can downgrade under Settings → Billing."));
    Inquiries.ask("cus_0016", "How do I downgrade it?", conversation);

    RecordedRequest second = model.requests().get(2);
    assertEquals("How do I downgrade it?", second.lastUserMessage());
    assertTrue(second.contains("Which plan am I on?"), "first question in memory");
    assertTrue(second.contains("You are on the Pro plan, billed monthly."), "first answer");
    assertTrue(second.contains("subscription_info"), "the first turn's tool call too");
    assertEquals(
        8,
        count(pool, "select count(*) from message where conversation_id = $1", conversation),
        "user, tool call, tool result, answer — twice");
  }

  /**
   * The AI services are application-scoped: an ended turn's memory must not stay cached in them
   * (one per conversation, for ever).
   */
  @Test
  void anEndedTurnLeavesNoMemoryInAnyAgent() {
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"export data\"}"),
        Reply.text("Settings → Data → Export."));
    String conversation =
        Inquiries.ask("cus_0150", "How do I export my data?").getString("conversationId");

    Eventually.await(
        "no agent keeps the memory of " + conversation,
        () ->
            agentContexts.stream()
                .filter(c -> c.chatMemoryService != null) // a service without memory keeps none
                .noneMatch(c -> c.chatMemoryService.getChatMemoryIDs().contains(conversation)));
    assertTrue(
        agentContexts.stream().anyMatch(c -> c.hasChatMemory()), "the agents do have memories");
  }

  @Test
  void aLongConversationSendsOnlyTheNewestTurnsWithinTheTokenWindow() {
    UUID conversation = seedConversation("cus_0017", 300);
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"anything\"}"), Reply.text("Done."));

    Inquiries.ask("cus_0017", "And one more question", conversation);

    RecordedRequest first = model.requests().getFirst();
    assertTrue(first.contains("Question 300:"), "newest turn kept");
    assertFalse(first.contains("Question 1:"), "oldest turn dropped");
    int tokens = 0;
    int turnsSent = 0;
    for (JsonNode message : first.messages()) {
      if (!message.path("role").asText().equals("system")) {
        tokens += Tokens.message(RecordedRequest.messageText(message));
      }
      if (RecordedRequest.messageText(message).startsWith("Question ")) {
        turnsSent++;
      }
    }
    assertTrue(tokens <= 2000, "memory window tokens: " + tokens);
    assertTrue(turnsSent >= 10 && turnsSent < 300, "turns sent: " + turnsSent);
    assertEquals(
        600,
        count(
            pool,
            "select count(*) from message where conversation_id = $1"
                + " and (content like 'Question %' or content like 'Answer %')",
            conversation),
        "the whole seeded transcript stays in the database");
  }

  @Test
  void theWindowCountsTheStoredTokensOfEachMessage() {
    UUID conversation = seedConversation("cus_0017", 3);
    // stored counts that a recount would contradict: turn 2 as if far over the budget, turn 3
    // with no count at all (a row stored without one is counted when loaded)
    rows(
        pool,
        "update message set token_count = case when content like '% 2:%' then 5000 else 30 end"
            + " where conversation_id = $1",
        conversation);
    rows(
        pool,
        "update message set token_count = 0 where conversation_id = $1 and content like '% 3:%'",
        conversation);
    model.enqueue(Reply.text("Done."));

    Inquiries.ask("cus_0017", "And one more question", conversation);

    RecordedRequest first = model.requests().getFirst();
    assertTrue(first.contains("Question 3:"), "the uncounted newest turn, counted, fits");
    assertFalse(first.contains("Question 2:"), "the stored 5,000 tokens decide: turn 2 is out");
    assertFalse(first.contains("Question 1:"), "the window ends at the first turn that overflows");
  }

  @Test
  void retentionPurgesTranscriptsOlderThanThirtyDays() {
    UUID old = seedConversation("cus_0018", 2);
    UUID recent = seedConversation("cus_0018", 2);
    rows(
        pool, "update conversation set updated_at = now() - interval '31 days' where id = $1", old);
    rows(
        pool,
        "update conversation set updated_at = now() - interval '29 days' where id = $1",
        recent);

    int purged = retention.purgeExpired().await().atMost(Duration.ofSeconds(10));

    assertTrue(purged >= 1);
    assertEquals(0, count(pool, "select count(*) from conversation where id = $1", old));
    assertEquals(0, count(pool, "select count(*) from message where conversation_id = $1", old));
    assertEquals(1, count(pool, "select count(*) from conversation where id = $1", recent));
    assertEquals(4, count(pool, "select count(*) from message where conversation_id = $1", recent));
  }

  @Test
  void retentionPurgesTheConsoleFeedOlderThanSevenDays() {
    String marker = UUID.randomUUID().toString();
    for (int days : new int[] {8, 6}) {
      rows(
          pool,
          "insert into console_event (type, payload, created_at) values ('customer_message',"
              + " jsonb_build_object('text', $1::text), now() - make_interval(days => $2))",
          marker + "-" + days,
          days);
    }

    int purged = retention.purgeConsoleFeed().await().atMost(Duration.ofSeconds(10));

    assertTrue(purged >= 1);
    String mine = "select count(*) from console_event where payload->>'text' = $1";
    assertEquals(0, count(pool, mine, marker + "-8"), "a relayed text 8 days old is gone");
    assertEquals(1, count(pool, mine, marker + "-6"), "the week the console resumes from stays");
  }

  private UUID seedConversation(String customer, int turns) {
    UUID id = UUID.randomUUID();
    rows(
        pool,
        "insert into conversation (id, customer_id, channel, topology, active_agent, status,"
            + " created_at, updated_at) values ($1, $2, 'rest', 'single', 'support', 'resolved',"
            + " now(), now())",
        id,
        customer);
    for (int i = 1; i <= turns; i++) {
      UUID turn = UUID.randomUUID();
      rows(
          pool,
          "insert into message (conversation_id, turn_id, role, content, created_at) values ($1,"
              + " $2, 'user', $3, now()), ($1, $2, 'assistant', $4, now())",
          id,
          turn,
          "Question " + i + ":" + FILLER,
          "Answer " + i + ":" + FILLER);
    }
    return id;
  }
}
