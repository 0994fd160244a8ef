package io.frontdesk.guard.eval;

import io.frontdesk.guard.ToxicityDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Toxicity: the trained model on Davidson's held-out fold and on text it should leave alone. */
final class ToxicitySection {

  private final EvalData data;
  private final ToxicityDetector detector;
  private final double threshold;

  double heldF1;
  double heldPrecision;
  double heldRecall;
  Tally customersUnseen = new Tally();

  ToxicitySection(EvalData data, ToxicityDetector detector, double threshold) {
    this.data = data;
    this.detector = detector;
    this.threshold = threshold;
  }

  private record Confusion(int tp, int fp, int fn, int tn) {
    double precision() {
      return tp / (double) (tp + fp);
    }

    double recall() {
      return tp / (double) (tp + fn);
    }

    double f1() {
      return 2 * precision() * recall() / (precision() + recall());
    }

    double accuracy() {
      return (tp + tn) / (double) (tp + fp + fn + tn);
    }

    double fpr() {
      return fp / (double) (fp + tn);
    }
  }

  private Confusion confusion(List<EvalData.Example> examples, double t) {
    int tp = 0, fp = 0, fn = 0, tn = 0;
    for (EvalData.Example e : examples) {
      boolean hit = detector.scan(e.text()).score() >= t;
      if (e.positive()) {
        if (hit) tp++;
        else fn++;
      } else if (hit) fp++;
      else tn++;
    }
    return new Confusion(tp, fp, fn, tn);
  }

  void write(StringBuilder md) {
    List<EvalData.Example> davidson = data.davidson();
    List<EvalData.Example> heldOut =
        davidson.stream().filter(e -> Split.fold(e.text()) == 0).toList();
    List<EvalData.Example> trainFolds =
        davidson.stream().filter(e -> Split.fold(e.text()) != 0).toList();
    if (davidson.isEmpty()) {
      heldF1 = Double.NaN;
      heldPrecision = Double.NaN;
      heldRecall = Double.NaN;
      md.append("## 4. Toxicity in customer messages (`ToxicityDetector`)\n\n")
          .append("Davidson not found: the toxicity model's tables are skipped.\n\n");
      return;
    }
    Confusion held = confusion(heldOut, threshold);
    Confusion fit = confusion(trainFolds, threshold);
    heldF1 = held.f1();
    heldPrecision = held.precision();
    heldRecall = held.recall();
    md.append("## 4. Toxicity in customer messages (`ToxicityDetector`)\n\n")
        .append("Logistic regression over folded words and word pairs (")
        .append("`src/main/resources/guard/toxicity-model.tsv`, written by")
        .append(" `bin/train-guards --words`). **Trained on** Davidson folds 1-4 (")
        .append(trainFolds.size())
        .append(
            " tweets; hate + offensive = toxic, neither = not) plus the DEV halves of banking77")
        .append(
            " and CLINC150 in-scope as non-toxic customer wording. The detector adds the abuse and")
        .append(
            " threat patterns of `guard/abuse-rules.txt` (noisy-or, written for insults aimed at")
        .append(" the assistant, which tweets barely contain); the numbers below are for the whole")
        .append(" detector. **Evaluated on** Davidson fold 0")
        .append(" (")
        .append(heldOut.size())
        .append(" tweets, never trained or tuned on). Fold = CRC-32")
        .append(
            " of the tweet text. Hyper-parameters (frequency floor, pruning, the evidence floor)")
        .append(" were chosen on fold 1 with a model trained on folds 2-4; while choosing them the")
        .append(
            " false-alarm *counts* (not the texts) on 3,000 held-out CLINC150 queries, NotInject")
        .append(" and StackFAQ were also watched, so the false-positive rates below are not fully")
        .append(" blind. Threshold ")
        .append(threshold)
        .append(".\n\n")
        .append("| Davidson | precision | recall | F1 | accuracy | FP rate on *neither* |\n")
        .append("|---|---|---|---|---|---|\n");
    confusionRow(md, "**fold 0 (held out)**", held);
    confusionRow(md, "folds 1-4 (training fit, for reference)", fit);
    int hate = 0, hateHit = 0, offensive = 0, offensiveHit = 0;
    for (EvalData.Example e : heldOut) {
      boolean hit = detector.scan(e.text()).score() >= threshold;
      if (e.source().equals("hate")) {
        hate++;
        hateHit += hit ? 1 : 0;
      } else if (e.source().equals("offensive")) {
        offensive++;
        offensiveHit += hit ? 1 : 0;
      }
    }
    md.append("\nHeld-out recall by class: hate ")
        .append(Tally.pct(hateHit, hate))
        .append(", offensive ")
        .append(Tally.pct(offensiveHit, offensive))
        .append(".\n\n")
        .append("Threshold sweep on fold 0 (not used to choose the default):\n\n")
        .append(
            "| threshold | precision | recall | F1 | FP rate on *neither* |\n|---|---|---|---|---|\n");
    for (double t : new double[] {0.3, 0.4, 0.5, 0.6, 0.7, 0.8}) {
      Confusion c = confusion(heldOut, t);
      md.append(
          String.format(
              Locale.ROOT,
              "| %.1f | %.3f | %.3f | %.3f | %.3f |%n",
              t,
              c.precision(),
              c.recall(),
              c.f1(),
              c.fpr()));
    }

    md.append(
        "\n### Text that must pass: false-positive rate\n\n| set | flagged toxic |\n|---|---|\n");
    Tally bankingSeen = new Tally();
    Tally bankingHeld = new Tally();
    for (EvalData.Example e : data.banking77()) {
      boolean hit = detector.scan(e.text()).score() >= threshold;
      if (Split.of(e.text()) == Split.DEV) {
        bankingSeen.add(e.text(), hit);
      } else {
        bankingHeld.add(e.text(), hit);
        customersUnseen.add(e.text(), hit);
      }
    }
    Tally clincSeen = new Tally();
    Tally clincHeld = new Tally();
    for (EvalData.Example e : data.clincInScope()) {
      boolean hit = detector.scan(e.text()).score() >= threshold;
      if (Split.of(e.text()) == Split.DEV) {
        clincSeen.add(e.text(), hit);
      } else {
        clincHeld.add(e.text(), hit);
        customersUnseen.add(e.text(), hit);
      }
    }
    rate(md, "banking77 HELD-OUT half (unseen)", bankingHeld);
    rate(md, "CLINC150 in-scope HELD-OUT half (unseen)", clincHeld);
    rate(md, "banking77 DEV half (in training, for reference)", bankingSeen);
    rate(md, "CLINC150 DEV half (in training, for reference)", clincSeen);
    Tally notInject = new Tally();
    data.notInject()
        .forEach(e -> notInject.add(e.text(), detector.scan(e.text()).score() >= threshold));
    rate(md, "NotInject prompts (unseen)", notInject);
    Tally faq = new Tally();
    data.stackFaqAnswers().forEach(t -> faq.add(t, detector.scan(t).score() >= threshold));
    rate(md, "StackFAQ threads (unseen)", faq);
    md.append("\n");
  }

  private static void confusionRow(StringBuilder md, String name, Confusion c) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %.3f | %.3f | %.3f | %.3f | %.3f (%d/%d) |%n",
            name,
            c.precision(),
            c.recall(),
            c.f1(),
            c.accuracy(),
            c.fpr(),
            c.fp(),
            c.fp() + c.tn()));
  }

  private static void rate(StringBuilder md, String name, Tally t) {
    md.append("| ").append(name).append(" | ").append(Tally.pct(t.hits, t.all)).append(" |\n");
  }

  List<String> texts() {
    List<String> out = new ArrayList<>();
    data.davidson().forEach(e -> out.add(e.text()));
    return out;
  }
}
