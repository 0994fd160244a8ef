package io.frontdesk.conversation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Eventually;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.Replicas;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.ServiceProcess;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged replicas on one PostgreSQL (DESIGN §8): two messages to one conversation sent to A
 * and B at the same moment are answered one after the other (the second turn starts from the
 * first's stored answer), and the retention job runs once for one schedule slot although both
 * replicas' schedulers fire.
 */
class TurnsAndJobsAcrossReplicasIT {

  private static final String CUSTOMER = "cus_0071";
  private static final String ON_A = "Which of my invoices are still open?";
  private static final String ON_B = "Which plan am I on?";
  private static final Map<String, String> ANSWERS =
      Map.of(
          ON_A, "None of your invoices is open, all are paid.",
          ON_B, "You are on the pro plan since March.");
  // slow enough that the two turns would overlap if nothing serialised them
  private static final Duration MODEL_LATENCY = Duration.ofSeconds(3);
  private static final Pattern JOB_RUNS =
      Pattern.compile(
          "frontdesk_scheduled_jobs_total\\{job=\"retention\",run=\"(ran|skipped)\",?\\} (\\S+)");

  @Test
  void concurrentMessagesToOneConversationAreSerialisedAndTheRetentionJobRunsOnce(@TempDir Path dir)
      throws Exception {
    try (ScriptedModelServer model = ScriptedModelServer.start()) {
      model.setDefault(
          request ->
              Reply.text(ANSWERS.getOrDefault(request.lastUserMessage(), "Happy to help."))
                  .withLatency(MODEL_LATENCY));
      Map<String, String> envA = Replicas.env(dir, model);
      // one slot of the retention job: each replica's scheduler fires once, a minute after it
      // starts, within the same hour-long period
      envA.put("FRONTDESK_MEMORY_PURGE_EVERY", "1h");
      envA.put("FRONTDESK_MEMORY_PURGE_DELAY", "60s");
      try (ServiceProcess a = ServiceProcess.start(dir, "turns-a", envA);
          ServiceProcess b =
              ServiceProcess.start(dir, "turns-b", Replicas.onTheDatabaseOf(a, envA));
          Connection db = Replicas.database(a)) {
        // A's scheduler fires first (A started first) and claims the slot
        Eventually.await("A's retention run", Duration.ofMinutes(3), () -> !jobRuns(a).isEmpty());
        OffsetDateTime claimed = lastRun(db);
        // expired after A's run: in this slot nobody purges it, though B's scheduler fires
        UUID leftForTheNextSlot = expiredConversation(db);

        UUID conversation =
            UUID.fromString(
                ask(a, "I have two questions about my account.", null).getString("conversationId"));
        int before = model.requestCount();
        CyclicBarrier together = new CyclicBarrier(2);
        Sent sentA;
        Sent sentB;
        // a thread per sender: the common pool may have a single one on a small machine
        try (ExecutorService senders = Executors.newFixedThreadPool(2)) {
          Future<Sent> onA = senders.submit(() -> send(together, a, ON_A, conversation));
          Future<Sent> onB = senders.submit(() -> send(together, b, ON_B, conversation));
          sentA = onA.get(2, TimeUnit.MINUTES);
          sentB = onB.get(2, TimeUnit.MINUTES);
        }
        assertEquals(conversation.toString(), sentA.answer().getString("conversationId"));
        assertEquals(conversation.toString(), sentB.answer().getString("conversationId"));
        assertTrue(
            Math.max(sentA.sentNanos(), sentB.sentNanos())
                < Math.min(sentA.answeredNanos(), sentB.answeredNanos()),
            "both messages were on their way before either was answered");

        // the model: the later turn's request carries the earlier turn's answer
        List<RecordedRequest> turns = model.requests().subList(before, model.requestCount());
        assertEquals(2, turns.size(), "one model call per turn: " + turns);
        String first = turns.get(0).lastUserMessage();
        String second = turns.get(1).lastUserMessage();
        assertEquals(Set.of(ON_A, ON_B), Set.of(first, second));
        assertTrue(
            turns.get(1).contains(ANSWERS.get(first)),
            "the second turn started from the first turn's stored answer: " + turns.get(1));
        assertFalse(
            turns.get(0).contains(second),
            "the first turn never saw the second message: " + turns.get(0));

        // the rows: the second turn's message was stored after the first turn's last row
        List<Row> rows = transcript(db, conversation);
        List<UUID> order = rows.stream().map(Row::turn).distinct().toList();
        UUID firstTurn = turnOf(rows, first);
        UUID secondTurn = turnOf(rows, second);
        assertEquals(List.of(firstTurn, secondTurn), order.subList(order.size() - 2, order.size()));
        Row lastOfFirst = rows.stream().filter(r -> r.turn().equals(firstTurn)).toList().getLast();
        Row startOfSecond =
            rows.stream().filter(r -> r.turn().equals(secondTurn)).findFirst().get();
        assertEquals("user", startOfSecond.role());
        assertEquals(second, startOfSecond.content());
        assertEquals("assistant", lastOfFirst.role(), "the first turn ended with its answer");
        assertFalse(
            startOfSecond.createdAt().isBefore(lastOfFirst.createdAt()),
            "turn 2 stored its message at " + startOfSecond + " after turn 1 answered: " + rows);

        // the retention job: B's scheduler fired in A's slot and skipped it
        Eventually.await(
            "B's scheduler to fire", Duration.ofMinutes(3), () -> !jobRuns(b).isEmpty());
        assertEquals(Map.of("ran", 1.0), jobRuns(a), "A ran the job once");
        assertEquals(Map.of("skipped", 1.0), jobRuns(b), "B skipped it");
        assertEquals(claimed, lastRun(db), "B's scheduler claimed nothing");
        assertTrue(exists(db, leftForTheNextSlot), "B did not purge");
        assertFalse(b.log().contains("Retention: purged"), b.log());
      }
    }
  }

  /** One message, sent when both senders are ready; when it left and when it was answered. */
  private record Sent(JsonPath answer, long sentNanos, long answeredNanos) {}

  private static Sent send(
      CyclicBarrier together, ServiceProcess service, String message, UUID conversation) {
    try {
      together.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    long sent = System.nanoTime();
    JsonPath answer = ask(service, message, conversation);
    return new Sent(answer, sent, System.nanoTime());
  }

  private static JsonPath ask(ServiceProcess service, String message, UUID conversation) {
    return Replicas.customer(service, CUSTOMER)
        .body(Inquiries.body(message, conversation))
        .post("/api/v1/inquiries")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The retention job's runs on this replica, from its metrics: ran / skipped → count. */
  private static Map<String, Double> jobRuns(ServiceProcess service) {
    String metrics = given().baseUri(service.baseUrl()).get("/q/metrics").asString();
    Map<String, Double> runs = new HashMap<>();
    Matcher m = JOB_RUNS.matcher(metrics);
    while (m.find()) {
      runs.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return runs;
  }

  private record Row(UUID turn, String role, String content, OffsetDateTime createdAt) {}

  private static List<Row> transcript(Connection db, UUID conversation) throws SQLException {
    try (PreparedStatement query =
        db.prepareStatement(
            "select turn_id, role, content, created_at from message where conversation_id = ?"
                + " order by id")) {
      query.setObject(1, conversation);
      List<Row> rows = new ArrayList<>();
      try (ResultSet r = query.executeQuery()) {
        while (r.next()) {
          rows.add(
              new Row(
                  r.getObject(1, UUID.class),
                  r.getString(2),
                  r.getString(3),
                  r.getObject(4, OffsetDateTime.class)));
        }
      }
      return rows;
    }
  }

  private static UUID turnOf(List<Row> rows, String customerMessage) {
    return rows.stream()
        .filter(r -> r.role().equals("user") && customerMessage.equals(r.content()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no stored message " + customerMessage + ": " + rows))
        .turn();
  }

  /** A conversation last touched 40 days ago: past the default 30-day retention. */
  private static UUID expiredConversation(Connection db) throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement insert =
        db.prepareStatement(
            "insert into conversation (id, customer_id, channel, topology, active_agent,"
                + " status, created_at, updated_at) values (?, ?, 'rest', 'single', 'support',"
                + " 'resolved', now() - interval '40 days', now() - interval '40 days')")) {
      insert.setObject(1, id);
      insert.setString(2, CUSTOMER);
      assertEquals(1, insert.executeUpdate());
    }
    return id;
  }

  private static OffsetDateTime lastRun(Connection db) throws SQLException {
    try (PreparedStatement query =
            db.prepareStatement("select last_run from scheduled_job where name = 'retention'");
        ResultSet r = query.executeQuery()) {
      assertTrue(r.next(), "the retention job's row");
      return r.getObject(1, OffsetDateTime.class);
    }
  }

  private static boolean exists(Connection db, UUID conversation) throws SQLException {
    try (PreparedStatement query =
        db.prepareStatement("select count(*) from conversation where id = ?")) {
      query.setObject(1, conversation);
      try (ResultSet r = query.executeQuery()) {
        r.next();
        return r.getLong(1) == 1;
      }
    }
  }
}
