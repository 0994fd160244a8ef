package io.frontdesk.agent.offline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which plans have a feature, read from the help centre's plan comparison (a "**Plan (price)**"
 * heading per plan, then its bullets): the plans whose bullets name the feature best, and those
 * whose bullets rule it out ("no automated database backups").
 *
 * @param plans each plan's bullets, in the article's order
 */
record PlanFeatures(Map<String, List<String>> plans) {

  private static final Pattern HEADING =
      Pattern.compile("^\\*\\*([A-Z][a-z]+) \\(.*\\)\\*\\*\\s*$");

  /** Words of a question that say nothing about which feature it is. */
  private static final Set<String> NOISE =
      Set.of(
          "can",
          "could",
          "use",
          "using",
          "get",
          "have",
          "has",
          "the",
          "with",
          "for",
          "and",
          "our",
          "your",
          "plan",
          "plans",
          "does",
          "include",
          "includes",
          "included",
          "there",
          "what",
          "which",
          "how",
          "will",
          "would",
          "skyline",
          "able",
          "account",
          "are",
          "any",
          "you",
          "its",
          "this",
          "that",
          "mine",
          "also",
          "available",
          "offer",
          "support",
          "feature",
          "features",
          "need",
          "want",
          "set",
          "possible");

  /**
   * A feature's place in the plans: the plans that include it (with the words that say so) and
   * those that do not.
   */
  record Gate(Map<String, String> included, List<String> excluded) {}

  static PlanFeatures parse(String body) {
    Map<String, List<String>> plans = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : body.split("\n")) {
      Matcher heading = HEADING.matcher(line.strip());
      if (heading.matches()) {
        current = new ArrayList<>();
        plans.put(heading.group(1), current);
      } else if (current != null && line.strip().startsWith("- ")) {
        current.add(line.strip().substring(2));
      } else if (current != null && !line.isBlank()) {
        current = null;
      }
    }
    return new PlanFeatures(plans);
  }

  /**
   * Where the feature the question asks about sits: empty when the question names none clearly (its
   * best match shares one word that every plan has, e.g. "database"), or when every plan has it
   * alike.
   */
  Optional<Gate> gate(String question) {
    Set<String> asked = words(question);
    asked.removeAll(NOISE);
    Map<String, Match> best = new LinkedHashMap<>();
    plans.forEach((plan, bullets) -> best.put(plan, best(bullets, asked)));
    int top = best.values().stream().mapToInt(m -> m.included ? m.score : 0).max().orElse(0);
    int strongest = best.values().stream().mapToInt(m -> m.score).max().orElse(0);
    if (top == 0 || (strongest < 2 && !rare(best, asked))) {
      return Optional.empty();
    }
    Map<String, String> included = new LinkedHashMap<>();
    List<String> excluded = new ArrayList<>();
    best.forEach(
        (plan, m) -> {
          if (m.included && m.score == top) {
            included.put(plan, m.clause);
          } else {
            excluded.add(plan);
          }
        });
    return excluded.isEmpty() ? Optional.empty() : Optional.of(new Gate(included, excluded));
  }

  /** One plan's clause that shares most words with the question, and whether it rules it out. */
  private record Match(int score, String clause, boolean included) {}

  private static Match best(List<String> bullets, Set<String> asked) {
    Match best = new Match(0, null, false);
    for (String bullet : bullets) {
      for (String clause : bullet.split("[;,]")) {
        Set<String> own = words(clause);
        int score = (int) own.stream().filter(asked::contains).count();
        boolean negated = clause.strip().toLowerCase(Locale.ROOT).matches("^(no|not|without)\\b.*");
        if (score > best.score || (score == best.score && score > 0 && negated)) {
          best = new Match(score, clause.strip(), !negated);
        }
      }
    }
    return best;
  }

  /** Whether a word the question and a plan share appears in one plan's bullets only. */
  private boolean rare(Map<String, Match> best, Set<String> asked) {
    for (String word : asked) {
      long plansWithIt =
          plans.values().stream()
              .filter(bullets -> bullets.stream().anyMatch(b -> words(b).contains(word)))
              .count();
      if (plansWithIt == 1) {
        return true;
      }
    }
    return false;
  }

  /** Names of a feature that the plan comparison writes otherwise. */
  private static final Pattern SSO =
      Pattern.compile("single[ -]sign[ -]?on", Pattern.CASE_INSENSITIVE);

  static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    String plain = SSO.matcher(text).replaceAll("sso");
    for (String w : plain.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (w.length() > 2) {
        out.add(w);
      }
    }
    return out;
  }
}
