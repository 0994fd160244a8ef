package io.frontdesk.guard.eval;

import io.frontdesk.guard.PiiRedactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** PII redaction: per-entity precision and recall on presidio's synthetic sentences. */
final class PiiSection {

  static final Set<String> STRUCTURED =
      Set.of("CREDIT_CARD", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE", "US_SSN", "IP_ADDRESS");

  private final EvalData data;
  private final PiiRedactor redactor;
  private final double threshold;

  final PiiScore all = new PiiScore();
  final PiiScore held = new PiiScore();

  PiiSection(EvalData data, PiiRedactor redactor, double threshold) {
    this.data = data;
    this.redactor = redactor;
    this.threshold = threshold;
  }

  void write(StringBuilder md) {
    PiiScore dev = new PiiScore();
    List<EvalData.PiiSentence> sentences = data.presidio();
    for (EvalData.PiiSentence s : sentences) {
      var found = redactor.find(s.text()).stream().filter(f -> f.score() >= threshold).toList();
      all.add(s, found, line -> {});
      (Split.of(s.text()) == Split.DEV ? dev : held).add(s, found, line -> {});
    }
    md.append("## 3. PII in answers (`PiiRedactor`)\n\n")
        .append(sentences.size())
        .append(" sentences of presidio-research synth v2, confidence threshold ")
        .append(threshold)
        .append(". A prediction counts when it overlaps a gold span of the same type; a gold span")
        .append(
            " is found when such a prediction overlaps it. Patterns were tuned on the DEV half.\n\n")
        .append("| entity (gold type) | gold | found | predicted | correct | precision | recall |")
        .append(" HELD-OUT precision | HELD-OUT recall |\n|---|---|---|---|---|---|---|---|---|\n");
    List<String> covered = new ArrayList<>();
    List<String> uncovered = new ArrayList<>();
    all.byType.forEach((type, c) -> (STRUCTURED.contains(type) ? covered : uncovered).add(type));
    int gold = 0, found = 0, predicted = 0, correct = 0;
    for (String type : covered) {
      PiiScore.Counts c = all.counts(type);
      PiiScore.Counts h = held.counts(type);
      gold += c.gold;
      found += c.found;
      predicted += c.predicted;
      correct += c.correct;
      md.append("| ")
          .append(type)
          .append(" | ")
          .append(c.gold)
          .append(" | ")
          .append(c.found)
          .append(" | ")
          .append(c.predicted)
          .append(" | ")
          .append(c.correct)
          .append(" | ")
          .append(Tally.ratio(c.precision()))
          .append(" | ")
          .append(Tally.ratio(c.recall()))
          .append(" | ")
          .append(Tally.ratio(h.precision()))
          .append(" | ")
          .append(Tally.ratio(h.recall()))
          .append(" |\n");
    }
    md.append("| **structured types, micro** | ")
        .append(gold)
        .append(" | ")
        .append(found)
        .append(" | ")
        .append(predicted)
        .append(" | ")
        .append(correct)
        .append(" | ")
        .append(Tally.ratio(correct / (double) predicted))
        .append(" | ")
        .append(Tally.ratio(found / (double) gold))
        .append(" | | |\n\n");
    md.append("Not covered (no pattern; recall 0 by design, listed with gold counts): ");
    List<String> parts = new ArrayList<>();
    for (String type : uncovered) {
      parts.add(type + " " + all.counts(type).gold);
    }
    md.append(String.join(", ", parts))
        .append(".")
        .append(" API keys and secrets (`[SECRET]`) have no gold spans in this set; they are")
        .append(" covered by unit tests only.\n\n");
  }

  List<String> texts() {
    return data.presidio().stream().map(EvalData.PiiSentence::text).toList();
  }
}
