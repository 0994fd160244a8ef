package io.frontdesk.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The checks of what the answers say: facts in and out, first words, per turn, no repetition. */
final class TurnChecks {

  /** Sentences shorter than this may repeat ("Thanks!"); longer ones must not. */
  static final int REPEATABLE = 25;

  private TurnChecks() {}

  /** The facts {@code text} must contain and must not contain (case-insensitive). */
  static List<String> answers(
      String what, String text, List<String> contains, List<String> excludes, Placeholders values) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> failures = new ArrayList<>();
    for (String fact : contains) {
      String f = values.fill(fact).toLowerCase(Locale.ROOT);
      if (!lower.contains(f)) {
        failures.add(what + " lacks \"" + f + "\"");
      }
    }
    for (String fact : excludes) {
      String f = values.fill(fact).toLowerCase(Locale.ROOT);
      if (lower.contains(f)) {
        failures.add(what + " says \"" + f + "\"");
      }
    }
    return failures;
  }

  /** The answer begins with these words (case-insensitive, leading space and markup aside). */
  static List<String> starts(String what, String answer, String start, Placeholders values) {
    String text = answer.replaceFirst("^[\\s*_#>-]+", "").toLowerCase(Locale.ROOT);
    String want = values.fill(start).toLowerCase(Locale.ROOT);
    return text.startsWith(want)
        ? List.of()
        : List.of(
            what
                + " does not start with \""
                + want
                + "\": \""
                + text.substring(0, Math.min(60, text.length()))
                + "\"");
  }

  /** Each follow-up's own expectations, checked on the answer to it; one never sent fails. */
  static List<String> steps(Scenario s, List<ScenarioRunner.Turn> turns, Placeholders values) {
    List<String> failures = new ArrayList<>();
    for (Scenario.Step step : s.turns()) {
      String said = values.fill(step.say());
      ScenarioRunner.Turn turn =
          turns.stream().filter(t -> t.message().equals(said)).findFirst().orElse(null);
      boolean checks =
          !step.answerContains().isEmpty()
              || !step.answerExcludes().isEmpty()
              || step.answerStarts() != null;
      if (turn == null) {
        if (checks) {
          failures.add("never got to say \"" + said + "\"");
        }
        continue;
      }
      String what = "answer to \"" + shortened(said) + "\"";
      failures.addAll(
          answers(what, turn.response(), step.answerContains(), step.answerExcludes(), values));
      if (step.answerStarts() != null) {
        failures.addAll(starts(what, turn.response(), step.answerStarts(), values));
      }
    }
    return failures;
  }

  /** An answer that says the same sentence twice (a notice shown twice, a loop). */
  static List<String> repeats(List<ScenarioRunner.Turn> turns) {
    List<String> failures = new ArrayList<>();
    for (ScenarioRunner.Turn t : turns) {
      Set<String> seen = new HashSet<>();
      for (String sentence : t.response().split("(?<=[.!?])\\s+|\\n+")) {
        String norm = sentence.strip().toLowerCase(Locale.ROOT);
        if (norm.length() >= REPEATABLE && !seen.add(norm)) {
          failures.add("answer repeats \"" + shortened(norm) + "\"");
        }
      }
    }
    return failures;
  }

  private static String shortened(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
