package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.approval.ApprovalAcrossReplicasIT;
import io.frontdesk.database.EmbeddedDatabase;
import io.frontdesk.testing.Eventually;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.Replicas;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the packaged service under load: the next start, on the same data, answers
 * every accepted message or tells its customer to send it again, answers no 409, and delivers the
 * interrupted approval follow-up once; and a replica killed beside a living one has its turns
 * answered by the other within seconds (its heartbeat went silent).
 *
 * <p>The database is a PostgreSQL this test starts in its own JVM and keeps across the kill (the
 * service runs with its embedded database off), so the test proves recovery of the turns, not the
 * embedded database's own crash-only start.
 */
class CrashRecoveryIT {

  private static final Logger LOG = Logger.getLogger(CrashRecoveryIT.class);
  private static final Pattern ORDER = Pattern.compile("ord_\\d+");
  private static final String FOLLOW_UP = "Your refund was approved and has been made.";
  private static final String RESET = "I forgot my password, please reset it.";
  private static final Duration IN_FLIGHT = Duration.ofMinutes(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  /** The model: slow while {@code held} (turns stay in flight), then quick. */
  private static final class Model {
    volatile boolean held = true;

    Reply reply(RecordedRequest request) {
      String last = request.lastUserMessage() == null ? "" : request.lastUserMessage();
      boolean toolResult = request.lastMessageIsToolResult();
      if (last.startsWith("[Frontdesk]") && !toolResult) {
        return slow(Reply.text(FOLLOW_UP));
      }
      Matcher order = ORDER.matcher(last);
      if (order.find() && !toolResult) {
        return Reply.toolCall(
            "process_refund", "{\"order_id\":\"" + order.group() + "\",\"amount\":5.00}");
      }
      if (last.equals(RESET) && !toolResult) {
        return Reply.toolCall("perform_account_action", "{\"action\":\"password_reset\"}");
      }
      return slow(Reply.text(toolResult ? "Done as you asked." : "Answer to: " + last));
    }

    private Reply slow(Reply reply) {
      return held ? reply.withLatency(IN_FLIGHT) : reply;
    }
  }

  @Test
  void aKillDuringTenTurnsAndAFollowUpLosesNoAcceptedMessage() throws Exception {
    Model script = new Model();
    java.time.OffsetDateTime began = java.time.OffsetDateTime.now();
    try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("pg"), true);
        ScriptedModelServer model = ScriptedModelServer.start()) {
      model.setDefault(script::reply);
      Map<String, String> env = env(database, model, "crash-a");
      List<String> customers = customers(10);
      Map<String, String> questions = new LinkedHashMap<>();
      String approvalCustomer = "cus_0046";
      String order;
      String approvalConversation;
      try (ServiceProcess first = ServiceProcess.start(dir, "crash-first", env)) {
        order = ApprovalAcrossReplicasIT.order(first, approvalCustomer);
        approvalConversation = requestRefund(first, approvalCustomer, order);
        String approval = ApprovalAcrossReplicasIT.pendingApproval(first, approvalCustomer);

        ExecutorService senders = Executors.newFixedThreadPool(12);
        for (int i = 0; i < customers.size(); i++) {
          String question = i == 0 ? RESET : "Question " + i + ": how do I rotate my API key?";
          questions.put(customers.get(i), question);
          String customer = customers.get(i);
          senders.submit(() -> send(first, customer, question, null));
        }
        senders.submit(() -> ApprovalAcrossReplicasIT.approve(first, approval));
        Eventually.await(
            "ten turns and the follow-up at the model",
            Duration.ofMinutes(2),
            () -> inFlight(model, questions) == 11);
        first.kill();
        senders.shutdownNow();
      }
      script.held = false;

      long restarted = System.nanoTime();
      try (ServiceProcess second = ServiceProcess.start(dir, "crash-second", env);
          Connection db = connect(database)) {
        long ready = System.nanoTime();
        Future<String> followUp =
            CompletableFuture.supplyAsync(
                () -> follow(second, approvalCustomer, approvalConversation, FOLLOW_UP));
        // a new message to each conversation right away: no 409, it waits for the recovery
        Map<String, UUID> conversations = conversations(db, questions);
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(10)) {
          List<Future<Integer>> sent = new ArrayList<>();
          conversations.forEach(
              (customer, conversation) ->
                  sent.add(
                      senders.submit(
                          () ->
                              sendUntilAdmitted(
                                  second, customer, "Thanks, one more thing.", conversation))));
          for (Future<Integer> status : sent) {
            statuses.add(status.get(3, TimeUnit.MINUTES));
          }
        }
        assertEquals(List.of(), statuses.stream().filter(s -> s != 200).toList(), "" + statuses);
        long answeredAll = System.nanoTime();

        followUp.get(2, TimeUnit.MINUTES);
        long delivered = System.nanoTime();
        int answered = 0;
        int told = 0;
        for (Map.Entry<String, UUID> entry : conversations.entrySet()) {
          String reply = firstReplyAfter(db, entry.getValue(), questions.get(entry.getKey()));
          if (reply.startsWith("Answer to: ")) {
            answered++;
          } else {
            assertTrue(reply.contains("please send your message again"), reply);
            told++;
          }
        }
        LOG.infof(
            "Crash IT: restart to ready %d ms; ready to the follow-up on the feed %d ms; ready to"
                + " every conversation answered again (lost message, then a new one) %d ms; %d"
                + " messages answered again, %d customers told to resend",
            Duration.ofNanos(ready - restarted).toMillis(),
            Duration.ofNanos(delivered - ready).toMillis(),
            Duration.ofNanos(answeredAll - ready).toMillis(),
            answered,
            told);
        assertEquals(List.of(), errors(second), "nothing for an operator to do");
        assertEquals(9, answered, "the messages whose turn did nothing yet are answered again");
        assertEquals(1, told, "the one whose password reset went out is not run again");
        String resetConversation = conversations.get(customers.getFirst()).toString();
        String notice = firstReplyAfter(db, UUID.fromString(resetConversation), RESET);
        assertTrue(notice.contains("A password reset link was sent to"), notice);
        assertEquals(
            1,
            count(
                db,
                "select count(*) from account_action where customer_id = ? and action ="
                    + " 'password_reset' and created_at >= ?",
                customers.getFirst(),
                began),
            "one link sent");

        assertEquals(1, refunds(db, order), "one refund");
        UUID conversation = UUID.fromString(approvalConversation);
        assertEquals(
            1,
            count(
                db,
                "select count(*) from message where conversation_id = ? and role = 'user' and"
                    + " agent = 'frontdesk'",
                conversation),
            "the follow-up's note once");
        assertEquals(
            1,
            count(
                db,
                "select count(*) from message where conversation_id = ? and content = ?",
                conversation,
                FOLLOW_UP),
            "the follow-up once in the transcript");
        assertEquals(
            1,
            count(
                db,
                "select count(*) from conversation_event where conversation_id = ? and type ="
                    + " 'done' and payload ->> 'response' = ?",
                conversation,
                FOLLOW_UP),
            "and once on the feed");
        assertEquals(
            Map.of("rerun", 9L, "told", 1L, "released", 1L), recoveries(db), "each turn once");
      }
    }
  }

  @Test
  void aKilledReplicasTurnsAreAnsweredByTheOtherOnceItsHeartbeatIsSilent() throws Exception {
    Model script = new Model();
    try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("pg2"), true);
        ScriptedModelServer model = ScriptedModelServer.start()) {
      model.setDefault(script::reply);
      try (ServiceProcess a = ServiceProcess.start(dir, "replica-a", env(database, model, "a"));
          ServiceProcess b = ServiceProcess.start(dir, "replica-b", env(database, model, "b"));
          Connection db = connect(database)) {
        List<String> customers = customers(4);
        Map<String, String> questions = new LinkedHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        for (int i = 0; i < customers.size(); i++) {
          String customer = customers.get(i);
          String question = "Question " + i + " for replica a: where are my invoices?";
          questions.put(customer, question);
          senders.submit(() -> send(a, customer, question, null));
        }
        Eventually.await(
            "four turns on a at the model",
            Duration.ofMinutes(2),
            () -> inFlight(model, questions) == 4);
        a.kill();
        senders.shutdownNow();
        script.held = false;
        long killed = System.nanoTime();

        Map<String, UUID> conversations = conversations(db, questions);
        Eventually.await(
            "b to answer a's turns",
            Duration.ofMinutes(2),
            () -> conversations.values().stream().allMatch(c -> free(db, c)));
        long answered = System.nanoTime();
        LOG.infof(
            "Replica IT: a's turns answered by b %d ms after the kill (stale-after 10 s)",
            Duration.ofNanos(answered - killed).toMillis());
        for (Map.Entry<String, UUID> entry : conversations.entrySet()) {
          assertEquals(
              "Answer to: " + questions.get(entry.getKey()),
              firstReplyAfter(db, entry.getValue(), questions.get(entry.getKey())));
          assertEquals(200, send(b, entry.getKey(), "Thanks.", entry.getValue()));
        }
        assertEquals(Map.of("rerun", 4L), recoveries(db));
        assertEquals(
            4,
            count(
                db,
                "select count(*) from turn_recovery t join replica r on r.instance ="
                    + " t.recovered_by where r.name = 'b'"),
            "b recovered them");
        assertTrue(b.log().contains("Recovered turn"), b.log());
        assertEquals(List.of(), errors(b), "nothing for an operator to do");
      }
    }
  }

  private static Map<String, String> env(
      EmbeddedDatabase database, ScriptedModelServer model, String replica) {
    Map<String, String> env = new HashMap<>(Replicas.env(Path.of("unused"), model));
    env.remove("FRONTDESK_EMBEDDED_DATABASE_DATA_DIR");
    env.put("FRONTDESK_EMBEDDED_DATABASE_ENABLED", "false");
    database
        .datasourceConfig()
        .forEach(
            (key, value) -> env.put(key.toUpperCase().replace('.', '_').replace('-', '_'), value));
    env.put("FRONTDESK_REPLICA_NAME", replica);
    return env;
  }

  /** Customers of the demo data with no conversation in this test yet. */
  private static List<String> customers(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("cus_%04d".formatted(110 + i));
    }
    return out;
  }

  private static String requestRefund(ServiceProcess service, String customer, String order) {
    return Replicas.customer(service, customer)
        .body(Map.of("message", "Please refund 5.00 of " + order))
        .post("/api/v1/inquiries")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("conversationId");
  }

  /** Posts a message; its HTTP status (a kill makes it fail: -1). */
  private static int send(
      ServiceProcess service, String customer, String message, UUID conversation) {
    try {
      return Replicas.customer(service, customer)
          .body(Inquiries.body(message, conversation))
          .post("/api/v1/inquiries")
          .statusCode();
    } catch (RuntimeException killed) {
      return -1;
    }
  }

  /**
   * Sends as a client does under back-pressure: a 429 {@code busy} (the restarted replica is still
   * recovering and the machine may be loaded) is tried again after its Retry-After, for at most two
   * minutes; the status that ends it is returned. A 409 or a lost message is what must never come.
   */
  private static int sendUntilAdmitted(
      ServiceProcess service, String customer, String message, UUID conversation)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      var response =
          Replicas.customer(service, customer)
              .body(Inquiries.body(message, conversation))
              .post("/api/v1/inquiries");
      if (response.statusCode() != 429 || System.nanoTime() > deadline) {
        return response.statusCode();
      }
      String wait = response.header("Retry-After");
      Thread.sleep(Duration.ofSeconds(wait == null ? 1 : Math.min(5, Long.parseLong(wait))));
    }
  }

  /** The messages the model is answering now: the questions' turns and the follow-up. */
  private static long inFlight(ScriptedModelServer model, Map<String, String> questions) {
    return model.requests().stream()
        .filter(
            r ->
                (r.lastUserMessage() != null && r.lastUserMessage().startsWith("[Frontdesk]"))
                    || (questions.containsValue(r.lastUserMessage())
                        && (r.lastMessageIsToolResult() || !RESET.equals(r.lastUserMessage()))))
        .count();
  }

  /** Follows the conversation's feed until a done event carries {@code text}; that event. */
  private static String follow(
      ServiceProcess service, String customer, String conversation, String text) {
    try {
      HttpResponse<Stream<String>> feed =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          service.baseUrl()
                              + "/api/v1/conversations/"
                              + conversation
                              + "/events?token="
                              + Replicas.token(customer, Set.of())))
                  .header("Accept", "text/event-stream")
                  .build(),
              HttpResponse.BodyHandlers.ofLines());
      var lines = feed.body().iterator();
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.startsWith("data:") && line.contains("\"type\":\"done\"") && line.contains(text)) {
          return line;
        }
      }
      throw new AssertionError("the feed ended without " + text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The service's ERROR lines (an ERROR means an operator must act). */
  private static List<String> errors(ServiceProcess service) {
    return service.log().lines().filter(l -> l.matches("^\\S+ ERROR .*")).toList();
  }

  private static Connection connect(EmbeddedDatabase database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:" + database.reactiveUrl(),
        database.datasourceConfig().get("quarkus.datasource.username"),
        database.datasourceConfig().get("quarkus.datasource.password"));
  }

  /** Each customer's conversation (the one that holds their question). */
  private static Map<String, UUID> conversations(Connection db, Map<String, String> questions)
      throws SQLException {
    Map<String, UUID> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> q : questions.entrySet()) {
      try (PreparedStatement query =
          db.prepareStatement(
              "select c.id from conversation c join message m on m.conversation_id = c.id where"
                  + " c.customer_id = ? and m.role = 'user' and m.content = ?")) {
        query.setString(1, q.getKey());
        query.setString(2, q.getValue());
        try (ResultSet r = query.executeQuery()) {
          assertTrue(r.next(), "the accepted message of " + q.getKey() + " is stored");
          out.put(q.getKey(), r.getObject(1, UUID.class));
        }
      }
    }
    return out;
  }

  /** The first assistant message (not a side effect's line) after the customer's question. */
  private static String firstReplyAfter(Connection db, UUID conversation, String question)
      throws SQLException {
    try (PreparedStatement query =
        db.prepareStatement(
            "select content from message where conversation_id = ? and role = 'assistant' and"
                + " not trace and content is not null and id > (select id from message where"
                + " conversation_id = ? and role = 'user' and content = ?) order by id limit 1")) {
      query.setObject(1, conversation);
      query.setObject(2, conversation);
      query.setString(3, question);
      try (ResultSet r = query.executeQuery()) {
        assertTrue(r.next(), "no reply after " + question + " in " + conversation);
        return r.getString(1);
      }
    }
  }

  private static boolean free(Connection db, UUID conversation) {
    try {
      return count(
              db,
              "select count(*) from conversation where id = ? and turn_id is null",
              conversation)
          == 1;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long refunds(Connection db, String order) throws SQLException {
    return count(db, "select count(*) from refund where order_id = ?", order);
  }

  private static Map<String, Long> recoveries(Connection db) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (PreparedStatement query =
            db.prepareStatement("select action, count(*) from turn_recovery group by action");
        ResultSet r = query.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1), r.getLong(2));
      }
    }
    return out;
  }

  private static long count(Connection db, String sql, Object... args) throws SQLException {
    try (PreparedStatement query = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        query.setObject(i + 1, args[i]);
      }
      try (ResultSet r = query.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
