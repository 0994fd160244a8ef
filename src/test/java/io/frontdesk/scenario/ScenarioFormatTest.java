package io.frontdesk.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multi-turn part of the scenario format: follow-ups, offline overrides and their checks. */
class ScenarioFormatTest {

  private static final String YAML =
      """
      id: x
      domain: technical
      customer: cus_0049
      persona: p
      goal: g
      language: fr
      opening: What's wrong with orders-api?
      reveals:
        order: It's {order}.
      turns:
      - say: Restart it please.
        answer_contains:
        - orders-api
        answer_starts: 'I'
      - say: Merci !
      closing: Bye
      setup:
      - duplicate_charge
      expect:
        escalated: false
        answer_contains:
        - '{service}'
        calls:
        - restart_service {service}
        offline:
          escalated: true
      scripted:
      - text: ok
      """;

  private final Placeholders values =
      new Placeholders(Map.of("service", "svc_0083", "order", "ord_000015"));

  private static Scenario read(Path dir) throws IOException {
    Path file = dir.resolve("x.yaml");
    Files.writeString(file, YAML);
    return Scenario.read(file);
  }

  @Test
  void followUpsSetupAndLanguageAreReadAndMakeTheScenarioMultiTurn(@TempDir Path dir)
      throws IOException {
    Scenario s = read(dir);
    assertEquals(2, s.turns().size());
    assertEquals("Restart it please.", s.turns().getFirst().say());
    assertEquals(List.of("orders-api"), s.turns().getFirst().answerContains());
    assertEquals(List.of("duplicate_charge"), s.setup());
    assertTrue(s.multiTurn());
    assertTrue(s.otherLanguage());
    assertEquals(List.of("restart_service {service}"), s.expect().calls());
  }

  @Test
  void theOfflineOverridesApplyOnlyOfflineAndKeepEverythingTheyDoNotSet(@TempDir Path dir)
      throws IOException {
    Scenario s = read(dir);
    assertEquals(false, s.forMode(false).expect().escalated());
    Scenario.Expect offline = s.forMode(true).expect();
    assertEquals(true, offline.escalated());
    assertEquals(List.of("{service}"), offline.answerContains());
    assertEquals(List.of("restart_service {service}"), offline.calls());
    assertNull(offline.offline());
  }

  @Test
  void theScriptedUserRevealsWhenAskedThenSendsTheFollowUpsInOrderThenCloses(@TempDir Path dir)
      throws Exception {
    Scenario s = read(dir);
    SimulatedUser user = SimulatedUser.scripted();
    List<ScenarioRunner.Turn> turns = new ArrayList<>();
    turns.add(turn(s.opening(), "Which order do you mean?"));
    String next = user.next(s, values, turns);
    assertEquals("It's ord_000015.", next);
    turns.add(turn(next, "Which order do you mean?"));
    next = user.next(s, values, turns);
    assertEquals("Restart it please.", next);
    turns.add(turn(next, "I've restarted orders-api."));
    next = user.next(s, values, turns);
    assertEquals("Merci !", next);
    turns.add(turn(next, "De rien."));
    next = user.next(s, values, turns);
    assertEquals("Bye", next);
    turns.add(turn(next, "Bye!"));
    assertNull(user.next(s, values, turns));
  }

  @Test
  void aFollowUpsAnswerIsCheckedOnItsOwnAndANeverSentOneFails(@TempDir Path dir)
      throws IOException {
    Scenario s = read(dir);
    List<ScenarioRunner.Turn> turns =
        List.of(
            turn(s.opening(), "orders-api is down."),
            turn("Restart it please.", "Which service should I restart?"));
    List<String> failures = TurnChecks.steps(s, turns, values);
    assertEquals(
        List.of(
            "answer to \"Restart it please.\" lacks \"orders-api\"",
            "answer to \"Restart it please.\" does not start with \"i\": \"which service should i"
                + " restart?\""),
        failures);
    assertEquals(
        List.of(),
        TurnChecks.steps(
            s,
            List.of(
                turn(s.opening(), "down"), turn("Restart it please.", "I restarted orders-api")),
            values));
    Scenario onlyOpening =
        new Scenario("y", "technical", "cus_0001", "hi", s.expect(), s.scripted());
    assertEquals(List.of(), TurnChecks.steps(onlyOpening, turns, values));
  }

  @Test
  void anAnswerThatSaysALongSentenceTwiceFailsAndExcludedFactsAreCaught() {
    String twice =
        "I've added this to your open support ticket (#TCK-1001). I've added this to your open"
            + " support ticket (#TCK-1001).";
    assertFalse(TurnChecks.repeats(List.of(turn("x", twice))).isEmpty());
    assertEquals(List.of(), TurnChecks.repeats(List.of(turn("x", "Thanks! Thanks!"))));
    assertEquals(
        List.of("answer says \"services are running\""),
        TurnChecks.answers(
            "answer",
            "All 1 of your services are running: web.",
            List.of(),
            List.of("services are running"),
            values));
    assertEquals(List.of(), TurnChecks.starts("first", "**No**, not on Pro.", "No", values));
  }

  private static ScenarioRunner.Turn turn(String message, String response) {
    return new ScenarioRunner.Turn(message, response, false, 1.0);
  }
}
