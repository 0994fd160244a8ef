package io.frontdesk.guard.eval;

import io.frontdesk.guard.PiiRedactor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PII rows of {@link ShippedGuards}: the shipped {@link PiiRedactor} per gold type on
 * presidio's HELD-OUT half, and per written shape on variants derived from that half ({@link
 * PiiVariants}).
 */
final class PiiRows {

  private static final List<String> TYPES =
      List.of("CREDIT_CARD", "IBAN_CODE", "US_SSN", "PHONE_NUMBER", "EMAIL_ADDRESS", "IP_ADDRESS");

  private final EvalData data;
  private final StringBuilder md;
  private final PiiRedactor redactor = new PiiRedactor();
  private final double threshold;

  PiiRows(EvalData data, StringBuilder md, double threshold) {
    this.data = data;
    this.md = md;
    this.threshold = threshold;
  }

  void write() {
    md.append("## PII in answers\n\n");
    List<EvalData.PiiSentence> held =
        data.presidio().stream().filter(s -> Split.of(s.text()) == Split.HELD_OUT).toList();
    if (held.isEmpty()) {
      md.append("`")
          .append(EvalData.PRESIDIO)
          .append("`: not measured: ")
          .append(data.missing().contains(EvalData.PRESIDIO) ? "missing" : "no sentence")
          .append("\n\n");
      return;
    }
    PiiScore score = new PiiScore();
    held.forEach(s -> score.add(s, found(s), line -> {}));
    md.append("`")
        .append(EvalData.PRESIDIO)
        .append("`, HELD-OUT half (")
        .append(held.size())
        .append(" sentences; the patterns were tuned on the DEV half), threshold ")
        .append(threshold)
        .append(":\n\n| gold type | gold | precision | recall |\n|---|---|---|---|\n");
    for (String type : TYPES) {
      PiiScore.Counts c = score.counts(type);
      md.append("| ")
          .append(type)
          .append(" | ")
          .append(c.gold)
          .append(" | ")
          .append(Tally.ratio(c.precision()))
          .append(" | ")
          .append(Tally.ratio(c.recall()))
          .append(" |\n");
    }
    variants(held);
  }

  private void variants(List<EvalData.PiiSentence> held) {
    Map<String, PiiScore> byShape = new LinkedHashMap<>();
    for (PiiVariants.Variant v : PiiVariants.derive(held)) {
      byShape
          .computeIfAbsent(v.name(), n -> new PiiScore())
          .add(v.sentence(), found(v.sentence()), l -> {});
    }
    md.append("\nThe same HELD-OUT sentences with the value rewritten in another shape people")
        .append(" write (derived by `PiiVariants`, ours):\n\n")
        .append("| shape | gold type | variants | recall |\n|---|---|---|---|\n");
    byShape.forEach(
        (shape, score) -> {
          String type = goldType(shape);
          PiiScore.Counts c = score.counts(type);
          md.append("| ")
              .append(shape)
              .append(" | ")
              .append(type)
              .append(" | ")
              .append(c.gold)
              .append(" | ")
              .append(Tally.ratio(c.recall()))
              .append(" |\n");
        });
    md.append("\n");
  }

  private List<io.frontdesk.guard.GuardFinding> found(EvalData.PiiSentence s) {
    return redactor.find(s.text()).stream().filter(f -> f.score() >= threshold).toList();
  }

  /** The gold type a shape's name is about. */
  private static String goldType(String shape) {
    if (shape.startsWith("card")) {
      return "CREDIT_CARD";
    } else if (shape.startsWith("IBAN")) {
      return "IBAN_CODE";
    } else if (shape.startsWith("SSN")) {
      return "US_SSN";
    } else if (shape.startsWith("phone")) {
      return "PHONE_NUMBER";
    }
    return "PAYMENT_HANDLE";
  }
}
