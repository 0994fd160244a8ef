package io.frontdesk.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.OfflineProfile;
import io.frontdesk.toolgate.ToolCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every scenario's whole conversation (its fixtures, opening, what it reveals when asked, its
 * follow-ups and closing, as the scripted user of bin/evaluate-scenarios sends them), run with the
 * offline model, read back as the customer reads it after a reload: nothing internal in any line
 * Frontdesk wrote.
 */
@QuarkusTest
@TestProfile(OfflineProfile.class)
class CustomerViewScenariosTest {

  /** What only the team or the model may read, by what gives it away. */
  private static final Map<String, Pattern> INTERNAL =
      Map.of(
          "a hand-over summary", Pattern.compile("ESCALATE:"),
          "a confidence number",
              Pattern.compile(
                  "(?i)confidence|best guess|\\bat 0\\.\\d+\\)|without a language model"),
          "a request id", Pattern.compile("(?i)request [0-9a-f]{8}\\b"),
          "an internal id that has a name", Pattern.compile("\\b(?:svc|pay|ref|agt|inv)_\\d+"),
          "a tool's result", Pattern.compile("^\\s*[\\[{]"));

  @Inject ToolCatalog tools;

  @Test
  void noLineOfAnyScenarioTranscriptCarriesInternalText() throws Exception {
    List<Scenario> scenarios = Scenario.all(Scenario.DIRECTORY);
    List<String> leaks = new ArrayList<>();
    int lines = 0;
    int messages = 0;
    try (Connection db = jdbc()) {
      for (Scenario s : scenarios) {
        for (String fixture : s.setup()) {
          Fixtures.apply(db, fixture, s.customer());
        }
        Placeholders values = new Placeholders(db, s.customer());
        UUID conversation = converse(s, values);
        JsonPath view =
            Inquiries.as(s.customer())
                .get("/api/v1/conversations/" + conversation)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> kinds = view.getList("messages.kind");
        List<String> contents = view.getList("messages.content");
        List<String> titles = view.getList("messages.title");
        assertEquals("customer", kinds.getFirst(), s.id());
        assertTrue(kinds.size() > 1, s.id() + ": the customer got an answer: " + contents);
        for (int i = 0; i < kinds.size(); i++) {
          if ("customer".equals(kinds.get(i))) {
            messages++;
            continue; // their own words
          }
          lines++;
          String text = (titles.get(i) == null ? "" : titles.get(i) + " ") + contents.get(i);
          leaks.addAll(leaks(s.id(), text));
        }
      }
    }
    assertTrue(lines >= scenarios.size(), "lines read: " + lines);
    assertTrue(
        messages > scenarios.size() + 20, "follow-ups were sent too: " + messages + " messages");
    assertEquals(List.of(), leaks);
  }

  /**
   * The scenario's conversation as the scripted user holds it: the opening, then whatever it
   * reveals when asked, its follow-ups and its closing, until it has nothing more to say or a
   * person takes over.
   */
  private static UUID converse(Scenario s, Placeholders values) throws Exception {
    SimulatedUser user = SimulatedUser.scripted();
    List<ScenarioRunner.Turn> turns = new ArrayList<>();
    UUID conversation = null;
    String message = values.fill(s.opening());
    while (message != null && turns.size() < ScenarioRunner.MAX_USER_TURNS) {
      JsonPath done =
          conversation == null
              ? Inquiries.ask(s.customer(), message)
              : Inquiries.ask(s.customer(), message, conversation);
      conversation = UUID.fromString(done.getString("conversationId"));
      turns.add(
          new ScenarioRunner.Turn(
              message,
              String.valueOf(done.getString("response")),
              done.getBoolean("escalated"),
              0));
      if (done.getBoolean("escalated")) {
        break;
      }
      message = user.next(s, values, turns);
    }
    return conversation;
  }

  @Test
  void theFilterCatchesWhatTheCheckLooksFor() {
    assertFalse(
        leaks("probe", "ESCALATE: best guess technical at 0.42 (request 7afa732f) svc_0011")
            .isEmpty());
    assertFalse(leaks("probe", "run_diagnostics shows it").isEmpty());
    assertEquals(List.of(), leaks("probe", "Running diagnostics — done"));
  }

  private List<String> leaks(String scenario, String text) {
    List<String> found = new ArrayList<>();
    INTERNAL.forEach(
        (what, pattern) -> {
          if (pattern.matcher(text).find()) {
            found.add(scenario + ": " + what + " in \"" + text + "\"");
          }
        });
    for (String tool : tools.all().keySet()) {
      if (Pattern.compile("\\b" + Pattern.quote(tool) + "\\b").matcher(text).find()) {
        found.add(scenario + ": the tool " + tool + " in \"" + text + "\"");
      }
    }
    if (text.contains("transfer_to_") || text.contains("escalate_to_human")) {
      found.add(scenario + ": a hand-off tool in \"" + text + "\"");
    }
    return found;
  }

  private static Connection jdbc() throws SQLException {
    Config config = ConfigProvider.getConfig();
    return DriverManager.getConnection(
        config.getValue("quarkus.datasource.jdbc.url", String.class),
        config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
        config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
  }
}
