package io.frontdesk.guard.eval;

import io.frontdesk.guard.EmbeddingHeads;
import io.frontdesk.guard.GuardCheck;
import io.frontdesk.guard.GuardVerdict;
import io.frontdesk.guard.ToxicityDetector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The toxicity rows of {@link ShippedGuards}: flagged (refused or answered with care) per Davidson
 * class, P/R/F1, civil and customer flag rates, and our care-versus-refusal check set by family.
 */
final class ToxicityRows {

  private final ShippedGuards run;

  ToxicityRows(ShippedGuards run) {
    this.run = run;
  }

  /** Flagged as toxic language by the rules or the head (refused or answered with care). */
  static boolean toxic(GuardCheck check) {
    return check.verdicts().stream()
        .filter(GuardVerdict::triggered)
        .anyMatch(
            v ->
                v.guard().equals(ToxicityDetector.GUARD)
                    || v.guard().equals(EmbeddingHeads.TOXICITY_GUARD));
  }

  void write(ShippedGuards.Sets sets) {
    StringBuilder md = run.md();
    md.append("## Toxicity\n\n");
    List<EvalData.Example> tweets = sets.tweets();
    if (tweets.isEmpty()) {
      md.append("`")
          .append(EvalData.DAVIDSON)
          .append("`: not measured: ")
          .append(run.missing(EvalData.DAVIDSON) ? "missing" : "no text left")
          .append("\n\n");
    } else {
      davidson(md, tweets);
    }
    customers(md, sets.customers());
    care(md, sets.care());
  }

  private void davidson(StringBuilder md, List<EvalData.Example> tweets) {
    Map<String, int[]> byClass = new LinkedHashMap<>();
    int tp = 0, fp = 0, fn = 0, refused = 0, civil = 0;
    for (EvalData.Example e : tweets) {
      GuardCheck c = run.check(e.text());
      boolean flagged = toxic(c);
      int[] k = byClass.computeIfAbsent(e.source(), s -> new int[3]);
      k[0]++;
      k[1] += flagged ? 1 : 0;
      k[2] += c.blocked() ? 1 : 0;
      tp += flagged && e.positive() ? 1 : 0;
      fp += flagged && !e.positive() ? 1 : 0;
      fn += !flagged && e.positive() ? 1 : 0;
      refused += c.blocked() && !e.positive() ? 1 : 0;
      civil += e.positive() ? 0 : 1;
    }
    HeadSection.Confusion f = new HeadSection.Confusion(tp, fp, fn);
    md.append("`")
        .append(EvalData.DAVIDSON)
        .append("`, fold 0 (the word model learnt folds 1-4) outside the head's training sample:")
        .append(" ")
        .append(tweets.size())
        .append(" tweets. Positive = hate or offensive; flagged = the toxicity guards triggered")
        .append(" (refused, or answered with care). The setting `words-alone` was chosen")
        .append(" looking at fold 0 figures (`head-alone`, `head-assisted` and `head-confirms` on")
        .append(" fold 1), and the rules' authors saw fold 0's figures after each change, so this")
        .append(" is not blind.\n\n")
        .append("| class | tweets | flagged | refused |\n|---|---|---|---|\n");
    byClass.forEach(
        (cls, k) ->
            md.append("| ")
                .append(cls)
                .append(" | ")
                .append(k[0])
                .append(" | ")
                .append(Tally.pct(k[1], k[0]))
                .append(" | ")
                .append(Tally.pct(k[2], k[0]))
                .append(" |\n"));
    md.append("\nPrecision / recall / F1 (flagged): ")
        .append(f.cells().replace(" | ", " / "))
        .append("; civil tweets (*neither*) flagged ")
        .append(Tally.pct(fp, civil))
        .append(", refused ")
        .append(Tally.pct(refused, civil))
        .append(".\n\n");
  }

  private void customers(StringBuilder md, Map<String, List<EvalData.Example>> customers) {
    md.append("| file (customer questions never trained on) | texts | flagged toxic |")
        .append(" refused by any guard | answered with care |\n|---|---|---|---|---|\n");
    customers.forEach(
        (file, texts) -> {
          int toxic = 0, blocked = 0, care = 0;
          for (EvalData.Example e : texts) {
            GuardCheck c = run.check(e.text());
            toxic += toxic(c) ? 1 : 0;
            blocked += c.blocked() ? 1 : 0;
            care += c.care() ? 1 : 0;
          }
          md.append("| `").append(file).append("` | ").append(texts.size()).append(" | ");
          if (texts.isEmpty()) {
            md.append("not measured: ").append(run.missing(file) ? "missing" : "no text left");
            md.append(" | – | – |\n");
            return;
          }
          md.append(Tally.pct(toxic, texts.size()))
              .append(" | ")
              .append(Tally.pct(blocked, texts.size()))
              .append(" | ")
              .append(Tally.pct(care, texts.size()))
              .append(" |\n");
        });
    md.append("\n");
  }

  /** What each of our check sets says about itself in the report (all ours, none independent). */
  private static final Map<String, String> ABOUT =
      Map.of(
          "guard/check/toxicity-care-check.tsv",
          "hand-authored by us, NOT independent; never trained on",
          "guard/check/toxicity-disguised.tsv",
          "hand-authored by us, NOT independent; disguised spellings, threats and harassment"
              + " without swear words, civil look-alikes; the TUNING half: the normaliser and the"
              + " phrase families were written with its errors in view",
          "guard/check/toxicity-disguised-heldout.tsv",
          "hand-authored by us, NOT independent; the HELD-OUT half of the disguised set, written"
              + " with the tuning half before any tuning and scored once at the end",
          "guard/check/toxicity-threats.tsv",
          "hand-authored by us, NOT independent; implicit threats (no violent verb, no swear word)"
              + " and civil look-alikes; the TUNING half: the implicit-threat families were written"
              + " with it in view",
          "guard/check/toxicity-threats-heldout.tsv",
          "hand-authored by us, NOT independent; the HELD-OUT half of the implicit threats,"
              + " written after the families were final by their author and scored once");

  /** Our check sets (ours, not independent): what each family got, and flagged P/R/F1. */
  private void care(StringBuilder md, Map<String, List<String[]>> sets) {
    sets.forEach((file, rows) -> care(md, file, rows));
  }

  private void care(StringBuilder md, String file, List<String[]> rows) {
    md.append("**`src/bench/resources/")
        .append(file)
        .append("`** (")
        .append(ABOUT.getOrDefault(file, "hand-authored by us, NOT independent"))
        .append("; abuse must be refused, care must go on with care, civil must pass):\n\n");
    if (rows.isEmpty()) {
      md.append("not measured: no lines\n\n");
      return;
    }
    Map<String, int[]> byFamily = new LinkedHashMap<>();
    int tp = 0, fp = 0, fn = 0;
    for (String[] r : rows) {
      GuardCheck c = run.check(r[2]);
      boolean positive = !r[0].equals("civil");
      int[] k = byFamily.computeIfAbsent(r[0] + " / " + r[1], s -> new int[5]);
      k[0]++;
      k[1] += c.blocked() ? 1 : 0;
      k[2] += c.care() ? 1 : 0;
      k[3] += !c.blocked() && !c.care() ? 1 : 0;
      k[4] += toxic(c) ? 1 : 0;
      boolean actedOn = c.blocked() || c.care();
      tp += actedOn && positive ? 1 : 0;
      fp += actedOn && !positive ? 1 : 0;
      fn += !actedOn && positive ? 1 : 0;
    }
    md.append(
            "| expected / family | texts | refused | answered with care | passed | flagged toxic |\n")
        .append("|---|---|---|---|---|---|\n");
    byFamily.forEach(
        (family, k) ->
            md.append("| ")
                .append(family)
                .append(" | ")
                .append(k[0])
                .append(" | ")
                .append(Tally.pct(k[1], k[0]))
                .append(" | ")
                .append(Tally.pct(k[2], k[0]))
                .append(" | ")
                .append(Tally.pct(k[3], k[0]))
                .append(" | ")
                .append(Tally.pct(k[4], k[0]))
                .append(" |\n"));
    md.append("\nActed on (refused or answered with care; abuse and care lines positive, civil")
        .append(" negative), precision / recall / F1: ")
        .append(new HeadSection.Confusion(tp, fp, fn).cells().replace(" | ", " / "))
        .append(".\n\n");
  }
}
