package io.frontdesk.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plays one scenario against a running service: the simulated user talks over the REST API (a demo
 * token for the scenario's customer), the scripted model (when given) answers from the scenario's
 * script, and the end state is read from the service's database.
 */
final class ScenarioRunner {

  /** One exchange: what the user said and what the service answered. */
  record Turn(String message, String response, boolean escalated, double confidence) {}

  /**
   * One run of one scenario: passed, and if not why; the lowest confidence of its turns (NaN when
   * the input guards refused a message of it).
   */
  record Outcome(
      Scenario scenario,
      boolean passed,
      List<String> failures,
      double minConfidence,
      boolean escalated,
      List<Turn> turns) {}

  static final int MAX_USER_TURNS = 6;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String jdbcUrl;
  private final ScriptedModelServer model;
  private final SimulatedUser user;
  private final boolean offline;

  /**
   * @param offline whether the service answers with the offline model (a scenario's {@code
   *     expect.offline} overrides then apply)
   */
  ScenarioRunner(
      String baseUrl,
      String jdbcUrl,
      ScriptedModelServer model,
      SimulatedUser user,
      boolean offline) {
    this.baseUrl = baseUrl;
    this.jdbcUrl = jdbcUrl;
    this.model = model;
    this.user = user;
    this.offline = offline;
  }

  Outcome run(Scenario scenario) throws Exception {
    Scenario s = scenario.forMode(offline);
    try (Connection db = DriverManager.getConnection(jdbcUrl)) {
      for (String fixture : s.setup()) {
        Fixtures.apply(db, fixture, s.customer());
      }
      Timestamp start = now(db);
      Placeholders values = new Placeholders(db, s.customer());
      if (model != null) {
        model.reset();
        for (Scenario.ScriptedReply r : s.scripted()) {
          model.enqueue(
              r.tool() != null
                  ? Reply.toolCall(r.tool(), JSON.writeValueAsString(arguments(r, values)))
                  : Reply.text(values.fill(r.text())));
        }
      }
      String token = token(s.customer());
      List<Turn> turns = new ArrayList<>();
      String conversation = null;
      String message = values.fill(s.opening());
      while (message != null && turns.size() < MAX_USER_TURNS) {
        JsonNode done = ask(token, message, conversation);
        conversation = done.path("conversationId").asText(null);
        Turn turn =
            new Turn(
                message,
                done.path("response").asText(""),
                done.path("escalated").asBoolean(),
                done.path("confidence").asDouble(Double.NaN));
        turns.add(turn);
        if (turn.escalated()) {
          break;
        }
        message = user.next(s, values, turns);
      }
      List<String> failures = check(db, s, values, start, conversation, turns);
      // a message the input guards refused has no confidence (its 0.0 says nothing of an answer)
      boolean refused = inputBlocked(db, conversation);
      double min =
          refused
              ? Double.NaN
              : turns.stream()
                  .mapToDouble(Turn::confidence)
                  .filter(c -> !Double.isNaN(c))
                  .min()
                  .orElse(0);
      boolean escalated = turns.stream().anyMatch(Turn::escalated);
      return new Outcome(s, failures.isEmpty(), failures, min, escalated, turns);
    }
  }

  /**
   * A scripted call's arguments with the placeholders filled; one that stands alone for a number
   * ({refundable}) is sent as a JSON number, as a model fills a number parameter.
   */
  private static Map<String, Object> arguments(Scenario.ScriptedReply r, Placeholders values) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (r.arguments() == null) {
      return out;
    }
    r.arguments()
        .forEach(
            (name, value) -> {
              if (!(value instanceof String text)) {
                out.put(name, value);
                return;
              }
              String filled = values.fill(text);
              boolean number = text.matches("\\{[a-z_]+}") && filled.matches("\\d+(\\.\\d+)?");
              out.put(name, number ? new BigDecimal(filled) : filled);
            });
    return out;
  }

  private List<String> check(
      Connection db,
      Scenario s,
      Placeholders values,
      Timestamp start,
      String conversation,
      List<Turn> turns)
      throws SQLException {
    Scenario.Expect e = s.expect();
    List<String> failures = new ArrayList<>();
    boolean escalated = turns.stream().anyMatch(Turn::escalated);
    if (e.escalated() != null && e.escalated() != escalated) {
      failures.add(escalated ? "escalated, should not have" : "not escalated, should have");
    }
    if (e.blocked() != null) {
      boolean blocked = inputBlocked(db, conversation);
      if (blocked != e.blocked()) {
        failures.add(blocked ? "input blocked, should not be" : "input not blocked");
      }
    }
    List<String> executed =
        strings(
            db,
            "select action from audit_log where conversation_id = ?::uuid and decision ="
                + " 'executed'",
            conversation);
    for (String tool : e.executed()) {
      if (!executed.contains(tool)) {
        failures.add("did not run " + tool + " (ran " + executed + ")");
      }
    }
    for (String tool : e.notExecuted()) {
      if (executed.contains(tool)) {
        failures.add("ran " + tool + ", must not");
      }
    }
    if (e.refunds() != null) {
      List<String> got =
          strings(
              db,
              "select order_id || ' ' || (amount_cents / 100.0)::numeric(12, 2) from refund where"
                  + " customer_id = ? and created_at >= ?",
              s.customer(),
              start);
      List<String> want = money(e.refunds(), values);
      if (!got.equals(want)) {
        failures.add("refunds " + got + ", expected " + want);
      }
    }
    if (e.approvals() != null) {
      List<String> got =
          strings(
              db,
              "select (arguments ->> 'order_id') || ' ' || (arguments ->> 'amount')::numeric(12,"
                  + " 2) from approval where conversation_id = ?::uuid",
              conversation);
      List<String> want = money(e.approvals(), values);
      if (!got.equals(want)) {
        failures.add("approvals " + got + ", expected " + want);
      }
    }
    if (e.accountActions() != null) {
      List<String> got =
          strings(
              db,
              "select action from account_action where customer_id = ? and created_at >= ?",
              s.customer(),
              start);
      if (!got.equals(e.accountActions())) {
        failures.add("account actions " + got + ", expected " + e.accountActions());
      }
    }
    if (!e.calls().isEmpty()) {
      List<String> got =
          strings(
              db,
              "select action || ' ' || coalesce(arguments ->> 'service_id', arguments ->>"
                  + " 'order_id', arguments ->> 'invoice_id', '') from audit_log where"
                  + " conversation_id = ?::uuid and decision in ('executed',"
                  + " 'approval_requested')",
              conversation);
      for (String call : e.calls()) {
        if (!got.contains(values.fill(call))) {
          failures.add("did not ask for " + values.fill(call) + " (asked for " + got + ")");
        }
      }
    }
    String answers =
        String.join("\n", turns.stream().map(Turn::response).toList()).toLowerCase(Locale.ROOT);
    failures.addAll(
        TurnChecks.answers("answer", answers, e.answerContains(), e.answerExcludes(), values));
    if (e.answerStarts() != null && !turns.isEmpty()) {
      failures.addAll(
          TurnChecks.starts("first answer", turns.getFirst().response(), e.answerStarts(), values));
    }
    failures.addAll(TurnChecks.steps(s, turns, values));
    failures.addAll(TurnChecks.repeats(turns));
    return failures;
  }

  private static List<String> money(List<Scenario.Money> list, Placeholders values) {
    return list.stream()
        .map(
            m ->
                values.fill(m.order())
                    + " "
                    + new BigDecimal(values.fill(m.amount())).setScale(2).toPlainString())
        .toList();
  }

  private String token(String customer) throws IOException, InterruptedException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("subject", customer);
    body.put("role", "customer");
    return post("/api/v1/demo/tokens", null, JSON.writeValueAsString(body)).path("token").asText();
  }

  private JsonNode ask(String token, String message, String conversation)
      throws IOException, InterruptedException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("message", message);
    if (conversation != null) {
      body.put("conversationId", conversation);
    }
    return post("/api/v1/inquiries", token, JSON.writeValueAsString(body));
  }

  private JsonNode post(String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofMinutes(3))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    // a simulated user types faster than a person: past the per-customer rate limit it waits as
    // Retry-After asks and sends again, as the chat page does (a 429 stored nothing)
    for (int attempt = 1; response.statusCode() == 429 && attempt <= 3; attempt++) {
      long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
      Thread.sleep(Duration.ofSeconds(Math.min(seconds, 10)));
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private static Timestamp now(Connection db) throws SQLException {
    try (ResultSet rs = db.createStatement().executeQuery("select now()")) {
      rs.next();
      return rs.getTimestamp(1);
    }
  }

  /** Whether the input guards refused a message of the conversation. */
  private static boolean inputBlocked(Connection db, String conversation) throws SQLException {
    return count(
            db,
            "select count(*) from guard_event where conversation_id = ?::uuid and blocked"
                + " and stage = 'input'",
            conversation)
        > 0;
  }

  private static long count(Connection db, String sql, Object... args) throws SQLException {
    List<String> rows = strings(db, sql, args);
    return rows.isEmpty() ? 0 : Long.parseLong(rows.getFirst());
  }

  private static List<String> strings(Connection db, String sql, Object... args)
      throws SQLException {
    if (args.length > 0 && args[0] == null) {
      return List.of();
    }
    try (PreparedStatement st = db.prepareStatement(sql + " order by 1")) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      List<String> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }
}
