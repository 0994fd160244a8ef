package io.frontdesk.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The scenario files are well formed; the runs themselves are bin/evaluate-scenarios. */
class ScenarioFilesTest {

  private static final Set<String> PLACEHOLDERS =
      Set.of(
          "order",
          "refundable",
          "invoice",
          "invoice_total",
          "plan",
          "email",
          "service",
          "service_name",
          "service_status",
          "other_order",
          "duplicate_order",
          "duplicate_invoice",
          "duplicate_total",
          "charged_invoice");

  @Test
  void everyScenarioIsCompleteAndEveryDomainIsCovered() {
    List<Scenario> all = Scenario.all(Scenario.DIRECTORY);
    assertTrue(all.size() >= 60, "at least 60 scenarios: " + all.size());
    assertTrue(
        all.stream().filter(Scenario::multiTurn).count() >= 20, "at least 20 multi-turn scenarios");
    assertTrue(
        all.stream().filter(Scenario::otherLanguage).count() >= 3, "scenarios in other languages");
    Set<String> ids = new HashSet<>();
    for (Scenario s : all) {
      assertTrue(ids.add(s.id()), "unique id " + s.id());
      assertTrue(Scenario.DOMAINS.contains(s.domain()), s.id() + ": domain " + s.domain());
      assertTrue(s.customer().matches("cus_\\d{4}"), s.id());
      s.setup().forEach(f -> assertTrue(f.equals("duplicate_charge"), s.id() + ": fixture " + f));
      s.turns()
          .forEach(t -> assertFalse(t.say().isBlank(), s.id() + ": a follow-up says something"));
      assertFalse(s.opening().isBlank(), s.id());
      assertNotNull(s.goal(), s.id());
      assertNotNull(s.persona(), s.id());
      assertNotNull(s.expect(), s.id());
      assertFalse(s.scripted().isEmpty(), s.id() + " has a script for the scripted model");
      for (Scenario.ScriptedReply r : s.scripted()) {
        assertTrue(r.tool() != null ^ r.text() != null, s.id() + ": a tool call or a text");
      }
      for (String text : texts(s)) {
        Matcher m = Pattern.compile("\\{([a-z_]+)}").matcher(text);
        while (m.find()) {
          assertTrue(PLACEHOLDERS.contains(m.group(1)), s.id() + ": {" + m.group(1) + "}");
        }
      }
    }
    Map<String, Long> perDomain =
        all.stream().collect(Collectors.groupingBy(Scenario::domain, Collectors.counting()));
    for (String domain : Scenario.DOMAINS) {
      assertTrue(perDomain.getOrDefault(domain, 0L) >= 3, domain + ": " + perDomain);
    }
  }

  @Test
  void passHatIsTheChanceThatAllOfJRunsPass() {
    assertEquals(1.0, ScenarioReport.passHat(4, 4, 4), 1e-9);
    assertEquals(0.5, ScenarioReport.passHat(2, 4, 1), 1e-9);
    assertEquals(1.0 / 6, ScenarioReport.passHat(2, 4, 2), 1e-9);
    assertEquals(0.0, ScenarioReport.passHat(2, 4, 3), 1e-9);
  }

  private static ScenarioRunner.Outcome run(
      Boolean needsPerson, boolean passed, double confidence) {
    Scenario s =
        new Scenario(
            "x",
            "billing",
            "cus_0001",
            "hi",
            Scenario.Expect.escalated(needsPerson),
            List.of(new Scenario.ScriptedReply(null, null, "ok")));
    return new ScenarioRunner.Outcome(s, passed, List.of(), confidence, false, List.of());
  }

  @Test
  void aThresholdSendsLowScoresToAPersonForNothingOrUsefully() {
    // a right answer scored 0.65: kept at 0.6, sent to a person for nothing at 0.7
    assertEquals(ScenarioReport.Effect.RIGHT, ScenarioReport.effect(run(false, true, 0.65), 0.6));
    assertEquals(
        ScenarioReport.Effect.FALSE_ESCALATION, ScenarioReport.effect(run(false, true, 0.65), 0.7));
    // a wrong answer scored 0.65: let through at 0.6, caught at 0.7
    assertEquals(
        ScenarioReport.Effect.WRONG_LET_THROUGH,
        ScenarioReport.effect(run(false, false, 0.65), 0.6));
    assertEquals(ScenarioReport.Effect.CAUGHT, ScenarioReport.effect(run(true, false, 0.65), 0.7));
    List<ScenarioRunner.Outcome> runs =
        List.of(run(false, true, 0.95), run(true, false, 0.55), run(false, true, 0.75));
    assertEquals(0.7, ScenarioReport.choose(runs), 1e-9);
  }

  private static List<String> texts(Scenario s) {
    List<String> out = new java.util.ArrayList<>(List.of(s.opening()));
    out.addAll(s.reveals().values());
    s.expect().answerContains().forEach(out::add);
    s.expect().answerExcludes().forEach(out::add);
    s.expect().calls().forEach(out::add);
    for (Scenario.Step t : s.turns()) {
      out.add(t.say());
      out.addAll(t.answerContains());
    }
    s.scripted().stream().filter(r -> r.text() != null).forEach(r -> out.add(r.text()));
    s.scripted().stream()
        .filter(r -> r.arguments() != null)
        .forEach(r -> r.arguments().values().forEach(v -> out.add(String.valueOf(v))));
    return out;
  }
}
