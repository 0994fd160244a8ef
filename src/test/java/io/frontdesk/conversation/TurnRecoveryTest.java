package io.frontdesk.conversation;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.DeadReplicas;
import io.frontdesk.testing.Eventually;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A turn whose replica died (its run stopped, went silent, or was restarted under its name) is
 * recovered once by a living replica: its stored message is answered again and the answer goes on
 * the conversation's feed, or — where a side effect had started, or it was re-run once already —
 * the customer is told plainly to send it again. A live replica's turn is left alone.
 */
@QuarkusTest
class TurnRecoveryTest {

  private static final Duration WITHIN = Duration.ofSeconds(40);

  @Inject Pool pool;
  @Inject TurnRecovery recovery;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  /** A conversation with one answered turn, its lock free. */
  private UUID conversation(String customer) {
    UUID id = UUID.randomUUID();
    UUID turn = UUID.randomUUID();
    rows(
        pool,
        "insert into conversation (id, customer_id, channel, topology, active_agent, status,"
            + " created_at, updated_at) values ($1, $2, 'rest', 'single', 'support', 'open', now(),"
            + " now())",
        id,
        customer);
    rows(
        pool,
        "insert into message (conversation_id, turn_id, role, content, token_count, created_at)"
            + " values ($1, $2, 'user', 'I have a question about my account.', 12, now()), ($1,"
            + " $2, 'assistant', 'Hello, how can I help?', 10, now())",
        id,
        turn);
    return id;
  }

  /**
   * The model answers a question as it would one it is sure of: a knowledge search, then the answer
   * (a turn that used no tool escalates for low confidence).
   */
  private static Function<RecordedRequest, Reply> answering(String text) {
    return request ->
        request.lastMessageIsToolResult()
            ? Reply.text(text)
            : Reply.toolCall("search_knowledge_base", "{\"query\":\"support\"}");
  }

  private void enqueueAnswer(String text) {
    model.enqueue(
        Reply.toolCall("search_knowledge_base", "{\"query\":\"support\"}"), Reply.text(text));
  }

  private boolean free(UUID conversation) {
    return rows(pool, "select turn_id from conversation where id = $1", conversation)
            .getFirst()
            .getUUID(0)
        == null;
  }

  private String recoveryOf(UUID turn) {
    List<Row> found = rows(pool, "select action from turn_recovery where turn_id = $1", turn);
    return found.isEmpty() ? null : found.getFirst().getString(0);
  }

  private List<String> feedDone(UUID conversation) {
    return rows(
            pool,
            "select payload ->> 'response' from conversation_event where conversation_id = $1 and"
                + " type = 'done' order by seq",
            conversation)
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }

  private List<Row> answersOf(UUID conversation, UUID turn) {
    return rows(
        pool,
        "select content, agent, trace from message where conversation_id = $1 and turn_id = $2"
            + " and role = 'assistant' and content is not null order by id",
        conversation,
        turn);
  }

  @Test
  void aMessageWhoseReplicaStoppedIsAnsweredOnceAndTheAnswerReachesTheFeed() {
    UUID conversation = conversation("cus_0002");
    String question = "Which payment methods do you accept for the Pro plan?";
    enqueueAnswer("We accept cards and bank transfers.");
    int before = model.requestCount();

    UUID turn =
        DeadReplicas.leftTurn(pool, conversation, DeadReplicas.stopped(pool), question, false);

    // the re-run's events go on the feed once it is stored
    Eventually.await("the answer on the feed", WITHIN, () -> !feedDone(conversation).isEmpty());
    assertTrue(free(conversation));
    assertEquals("rerun", recoveryOf(turn));
    List<Row> answers = answersOf(conversation, turn);
    assertEquals(
        "We accept cards and bank transfers.",
        answers.getFirst().getString("content"),
        "answered under the message's own turn");
    assertEquals(
        1,
        answers.stream()
            .filter(a -> a.getString("content").equals("We accept cards and bank transfers."))
            .count(),
        "once");
    assertEquals(1, feedDone(conversation).size(), "its done is on the feed: " + answers);
    assertEquals(
        1,
        count(
            pool,
            "select count(*) from message where conversation_id = $1 and content = $2",
            conversation,
            question),
        "the message is not stored again");
    assertEquals(before + 2, model.requestCount(), "the search and the answer");
    RecordedRequest sent = model.lastRequest();
    assertEquals(question, sent.lastUserMessage());
    assertEquals(
        1,
        sent.messages().stream()
            .filter(m -> question.equals(RecordedRequest.messageText(m)))
            .count(),
        "the model sees the message once: " + sent);
    assertTrue(sent.contains("Hello, how can I help?"), "with the conversation before it");
  }

  @Test
  void aMessageWhoseReplicaWentSilentIsAnsweredWithinSeconds() {
    UUID conversation = conversation("cus_0003");
    enqueueAnswer("Your next invoice is due on the 1st.");

    UUID turn =
        DeadReplicas.leftTurn(
            pool, conversation, DeadReplicas.silent(pool), "When is my next invoice due?", false);

    Eventually.await("the message answered", WITHIN, () -> free(conversation));
    assertEquals("rerun", recoveryOf(turn));
    assertEquals(
        "Your next invoice is due on the 1st.",
        answersOf(conversation, turn).getFirst().getString("content"));
  }

  @Test
  void aRestartFreesTheTurnsOfItsNamesEarlierRunThoughItsHeartbeatLooksFresh() {
    UUID conversation = conversation("cus_0004");
    enqueueAnswer("Your plan renews monthly.");

    UUID turn =
        DeadReplicas.leftTurn(
            pool, conversation, DeadReplicas.restarted(pool), "How does my plan renew?", false);

    Eventually.await("the message answered", WITHIN, () -> free(conversation));
    assertEquals("rerun", recoveryOf(turn));
  }

  @Test
  void aLiveReplicasTurnIsLeftAlone() {
    UUID conversation = conversation("cus_0005");
    UUID run = DeadReplicas.live(pool);
    UUID turn = DeadReplicas.leftTurn(pool, conversation, run, "Are you still there?", false);
    int before = model.requestCount();

    recovery.sweep();
    recovery.sweep();

    assertFalse(free(conversation));
    assertNull(recoveryOf(turn));
    assertEquals(before, model.requestCount());
    rows(
        pool,
        "update conversation set turn_id = null, turn_replica = null where id = $1",
        conversation);
  }

  @Test
  void aTurnWhoseSideEffectRanIsNotRerunAndItsCustomerIsToldWhatWasDone() {
    UUID conversation = conversation("cus_0013");
    UUID run = DeadReplicas.stopped(pool);
    UUID turn = UUID.randomUUID();
    int before = model.requestCount();
    DeadReplicas.leftTurn(pool, conversation, run, turn, "Reset my password please", false);
    rows(
        pool,
        "insert into tool_call (conversation_id, turn_id, agent, tool_name, arguments, status,"
            + " created_at) values ($1, $2, 'support', 'perform_account_action',"
            + " '{\"action\":\"password_reset\"}', 'succeeded', now()), ($1, $2, 'support',"
            + " 'restart_service', '{\"service_id\":\"svc_1\"}', 'running', now())",
        conversation,
        turn);
    rows(
        pool,
        "insert into message (conversation_id, turn_id, role, agent, content, trace, created_at)"
            + " values ($1, $2, 'assistant', 'frontdesk', 'A password reset link was sent to"
            + " j***@example.com.', true, now())",
        conversation,
        turn);

    Eventually.await("the customer told", WITHIN, () -> free(conversation));
    assertEquals("told", recoveryOf(turn));
    List<Row> answers = answersOf(conversation, turn);
    assertEquals(2, answers.size(), "the effect's line, then the notice: " + answers);
    Row notice = answers.getLast();
    assertFalse(notice.getBoolean("trace"), "the notice is in the model's memory");
    String text = notice.getString("content");
    assertTrue(text.contains("“Reset my password please”"), text);
    assertTrue(text.contains("A password reset link was sent to j***@example.com."), text);
    assertTrue(text.contains("could not confirm whether this finished: restart service"), text);
    assertTrue(text.contains("please send your message again"), text);
    assertEquals(List.of(text), feedDone(conversation));
    assertEquals(before, model.requestCount(), "nothing was run again");
  }

  @Test
  void aMessageReRunOnceAlreadyIsNotReRunAgain() {
    UUID conversation = conversation("cus_0026");
    UUID run = DeadReplicas.stopped(pool);
    UUID turn = UUID.randomUUID();
    int before = model.requestCount();
    DeadReplicas.leftTurn(pool, conversation, run, turn, "Is my service up?", false);
    rows(
        pool,
        "insert into turn_recovery (turn_id, conversation_id, dead_replica, recovered_by, action,"
            + " at) values ($1, $2, $3, $3, 'rerun', now())",
        turn,
        conversation,
        UUID.randomUUID());

    Eventually.await("the customer told", WITHIN, () -> free(conversation));
    assertEquals("told", recoveryOf(turn));
    assertTrue(
        answersOf(conversation, turn)
            .getFirst()
            .getString("content")
            .contains("send your message"));
    assertEquals(before, model.requestCount());
  }

  @Test
  void anApprovalFollowUpLeftBehindIsOnlyReleasedForItsApprovalToResume() {
    UUID conversation = conversation("cus_0032");
    UUID turn =
        DeadReplicas.leftTurn(
            pool,
            conversation,
            DeadReplicas.stopped(pool),
            "[Frontdesk] A colleague approved it.",
            true);

    Eventually.await("the lock released", WITHIN, () -> free(conversation));
    assertEquals("released", recoveryOf(turn));
    assertTrue(answersOf(conversation, turn).isEmpty(), "nothing said in its name");
  }

  @Test
  void aNewMessageToAConversationWhoseTurnDiedWaitsForTheRecoveryInsteadOf409() {
    UUID conversation = conversation("cus_0033");
    String lost = "Do you have an API rate limit?";
    String next = "And is there a sandbox?";
    model.when(r -> lost.equals(r.lastUserMessage())).thenReply(answering("Yes, 100 requests/s."));
    model.when(r -> next.equals(r.lastUserMessage())).thenReply(answering("Yes, a sandbox too."));
    UUID turn = DeadReplicas.leftTurn(pool, conversation, DeadReplicas.stopped(pool), lost, false);

    Inquiries.ask("cus_0033", next, conversation);

    assertEquals("rerun", recoveryOf(turn));
    List<String> assistant =
        rows(
                pool,
                "select content from message where conversation_id = $1 and role = 'assistant'"
                    + " and content like 'Yes, %' order by id",
                conversation)
            .stream()
            .map(r -> r.getString(0))
            .toList();
    assertEquals(
        List.of("Yes, 100 requests/s.", "Yes, a sandbox too."),
        assistant,
        "the lost message was answered first");
  }
}
