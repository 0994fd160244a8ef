package io.frontdesk.guard.eval;

import io.frontdesk.guard.InjectionDetector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Direct prompt injection: the input detector on attack sets and on benign and customer text. */
final class InjectionSection {

  private final EvalData data;
  private final InjectionDetector detector;
  private final double threshold;

  /** Headline numbers, kept for the summary. */
  Tally directAttacks = new Tally();

  Tally customers = new Tally();
  Tally notInject = new Tally();
  Tally wildguard = new Tally();
  Tally bipiaAttacks = new Tally();
  int validTp;
  int validFp;

  InjectionSection(EvalData data, InjectionDetector detector, double threshold) {
    this.data = data;
    this.detector = detector;
    this.threshold = threshold;
  }

  private boolean hit(String text) {
    return detector.scan(text).score() >= threshold;
  }

  void write(StringBuilder md) {
    md.append("## 1. Prompt injection in customer messages (`InjectionDetector`)\n\n")
        .append("Threshold ")
        .append(threshold)
        .append(" (the default). Rates are shown for the")
        .append(" whole set, its DEV half (rules were tuned looking at these errors) and its")
        .append(" HELD-OUT half (never looked at).\n\n");

    md.append("### Attacks: recall\n\n| set | all | DEV | HELD-OUT |\n|---|---|---|---|\n");
    Map<String, Tally> validBySource = new LinkedHashMap<>();
    Tally validAttacks = new Tally();
    Tally validBenign = new Tally();
    for (EvalData.Example e : data.injecguardValid()) {
      boolean hit = hit(e.text());
      if (e.positive()) {
        validAttacks.add(e.text(), hit);
        directAttacks.add(e.text(), hit);
        validBySource.computeIfAbsent(e.source(), s -> new Tally()).add(e.text(), hit);
        validTp += hit ? 1 : 0;
      } else {
        validBenign.add(e.text(), hit);
        validFp += hit ? 1 : 0;
      }
    }
    row(md, "injecguard valid.json, all 48 attacks", validAttacks);
    validBySource.forEach((source, t) -> row(md, "&nbsp;&nbsp;valid.json " + source, t));
    Tally giskard = new Tally();
    Map<String, Tally> giskardByGroup = new LinkedHashMap<>();
    for (EvalData.Example e : data.giskard()) {
      boolean hit = hit(e.text());
      giskard.add(e.text(), hit);
      directAttacks.add(e.text(), hit);
      giskardByGroup.computeIfAbsent(e.source(), s -> new Tally()).add(e.text(), hit);
    }
    row(md, "giskard prompt_injections.csv (35)", giskard);
    giskardByGroup.forEach((group, t) -> row(md, "&nbsp;&nbsp;" + group, t));
    row(md, "**direct attacks: valid.json + giskard**", directAttacks);
    for (String part :
        List.of("text_attack_train", "text_attack_test", "code_attack_train", "code_attack_test")) {
      Tally t = new Tally();
      for (EvalData.Example e : data.bipia(part)) {
        boolean hit = hit(e.text());
        t.add(e.text(), hit);
        bipiaAttacks.add(e.text(), hit);
      }
      row(md, "bipia " + part + " payloads, sent as a customer message", t);
    }

    md.append("\n### Benign text: false-positive rate\n\n| set | all | DEV | HELD-OUT |\n")
        .append("|---|---|---|---|\n");
    row(md, "injecguard valid.json benign (96)", validBenign);
    for (EvalData.Example e : data.notInject()) {
      notInject.add(e.text(), hit(e.text()));
    }
    row(md, "NotInject one+two+three (339, trigger words)", notInject);
    for (EvalData.Example e : data.wildguard()) {
      wildguard.add(e.text(), hit(e.text()));
    }
    row(md, "wildguard benign (971, adversarial-looking)", wildguard);
    Tally banking = new Tally();
    for (EvalData.Example e : data.banking77()) {
      boolean hit = hit(e.text());
      banking.add(e.text(), hit);
      customers.add(e.text(), hit);
    }
    row(md, "banking77 train (customer questions)", banking);
    Tally clinc = new Tally();
    for (EvalData.Example e : data.clincInScope()) {
      boolean hit = hit(e.text());
      clinc.add(e.text(), hit);
      customers.add(e.text(), hit);
    }
    row(md, "CLINC150 in-scope train+val (customer questions)", clinc);
    row(md, "**customer questions: banking77 + CLINC150**", customers);

    md.append("\n### Precision\n\n");
    md.append("- valid.json (its own mix of 48 attacks and 96 benign): precision ")
        .append(Tally.ratio(validTp / (double) Math.max(1, validTp + validFp)))
        .append(" (")
        .append(validTp)
        .append(" true / ")
        .append(validFp)
        .append(" false alarms).\n");
    int tp = directAttacks.hits + bipiaAttacks.hits;
    int fp = validBenign.hits + notInject.hits + wildguard.hits + customers.hits;
    md.append(
            "- Pooled, every attack above (direct + BIPIA) against every benign text above: precision ")
        .append(Tally.ratio(tp / (double) Math.max(1, tp + fp)))
        .append(" (")
        .append(tp)
        .append(" true / ")
        .append(fp)
        .append(" false alarms over ")
        .append(validBenign.all + notInject.all + wildguard.all + customers.all)
        .append(" benign texts).\n\n");
  }

  static void row(StringBuilder md, String name, Tally t) {
    md.append("| ").append(name).append(" | ").append(t.cells()).append(" |\n");
  }

  /** Every text used above, for the latency run. */
  List<String> texts() {
    List<String> out = new ArrayList<>();
    data.injecguardValid().forEach(e -> out.add(e.text()));
    data.giskard().forEach(e -> out.add(e.text()));
    data.notInject().forEach(e -> out.add(e.text()));
    data.wildguard().forEach(e -> out.add(e.text()));
    data.banking77().forEach(e -> out.add(e.text()));
    data.clincInScope().forEach(e -> out.add(e.text()));
    return out;
  }
}
