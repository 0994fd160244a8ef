package io.frontdesk.guard.eval;

import io.frontdesk.guard.GuardFinding;
import io.frontdesk.guard.PiiEntity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Span-level precision and recall per presidio entity type. A prediction is a true positive when it
 * overlaps a gold span of the type it maps to; a gold span is found when such a prediction overlaps
 * it. Gold types the redactor does not cover (PERSON, STREET_ADDRESS, ...) count only towards
 * recall.
 */
final class PiiScore {

  static final Map<PiiEntity, String> GOLD_TYPE =
      Map.of(
          PiiEntity.EMAIL, "EMAIL_ADDRESS",
          PiiEntity.HANDLE, "PAYMENT_HANDLE",
          PiiEntity.PHONE, "PHONE_NUMBER",
          PiiEntity.CARD, "CREDIT_CARD",
          PiiEntity.IBAN, "IBAN_CODE",
          PiiEntity.SSN, "US_SSN",
          PiiEntity.IP, "IP_ADDRESS",
          PiiEntity.SECRET, "SECRET");

  /** Counts for one gold entity type. */
  static final class Counts {
    int gold;
    int found;
    int predicted;
    int correct;

    double precision() {
      return predicted == 0 ? Double.NaN : (double) correct / predicted;
    }

    double recall() {
      return gold == 0 ? Double.NaN : (double) found / gold;
    }
  }

  final Map<String, Counts> byType = new LinkedHashMap<>();

  Counts counts(String type) {
    return byType.computeIfAbsent(type, t -> new Counts());
  }

  /** Scores one sentence; {@code onError} gets a line for every miss and false alarm. */
  void add(EvalData.PiiSentence sentence, List<GuardFinding> predicted, Consumer<String> onError) {
    for (EvalData.PiiSpan gold : sentence.spans()) {
      Counts c = counts(gold.type());
      c.gold++;
      boolean found =
          predicted.stream()
              .anyMatch(
                  p ->
                      GOLD_TYPE.get(PiiEntity.valueOf(p.category())).equals(gold.type())
                          && p.start() < gold.end()
                          && gold.start() < p.end());
      if (found) {
        c.found++;
      } else if (GOLD_TYPE.containsValue(gold.type())) {
        onError.accept(
            "MISS " + gold.type() + " " + context(sentence.text(), gold.start(), gold.end()));
      }
    }
    for (GuardFinding p : predicted) {
      String type = GOLD_TYPE.get(PiiEntity.valueOf(p.category()));
      Counts c = counts(type);
      c.predicted++;
      boolean correct =
          sentence.spans().stream()
              .anyMatch(g -> g.type().equals(type) && p.start() < g.end() && g.start() < p.end());
      if (correct) {
        c.correct++;
      } else {
        String goldThere =
            sentence.spans().stream()
                .filter(g -> p.start() < g.end() && g.start() < p.end())
                .map(EvalData.PiiSpan::type)
                .findFirst()
                .orElse("none");
        onError.accept(
            "FP "
                + p.category()
                + String.format(" %.2f", p.score())
                + " (gold "
                + goldThere
                + ") "
                + context(sentence.text(), p.start(), p.end()));
      }
    }
  }

  private static String context(String text, int start, int end) {
    String s =
        text.substring(Math.max(0, start - 40), start)
            + "<<"
            + text.substring(start, end)
            + ">>"
            + text.substring(end, Math.min(text.length(), end + 25));
    return s.replace("\n", "\\n");
  }
}
