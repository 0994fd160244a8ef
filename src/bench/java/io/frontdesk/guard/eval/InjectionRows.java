package io.frontdesk.guard.eval;

import io.frontdesk.guard.EmbeddingHeads;
import io.frontdesk.guard.GuardCheck;
import io.frontdesk.guard.GuardVerdict;
import io.frontdesk.guard.InjectionDetector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The injection rows of {@link ShippedGuards}: attacks blocked, customers blocked, per file. */
final class InjectionRows {

  private final ShippedGuards run;

  InjectionRows(ShippedGuards run) {
    this.run = run;
  }

  /** Blocked by the injection guards (rules or head), as opposed to any guard. */
  static boolean injection(GuardCheck check) {
    return check.verdicts().stream()
        .filter(GuardVerdict::blocks)
        .anyMatch(
            v ->
                v.guard().equals(InjectionDetector.GUARD)
                    || v.guard().equals(EmbeddingHeads.INJECTION_GUARD));
  }

  void write(ShippedGuards.Sets sets) {
    StringBuilder md = run.md();
    md.append("## Injection\n\n")
        .append("| file (texts never trained on) | texts | blocked by injection guards |")
        .append(" blocked by any guard |\n|---|---|---|---|\n");
    int[] attacks = new int[3];
    sets.attacks().forEach((file, texts) -> row(md, file + ", attacks", texts, attacks));
    md.append("| **attacks pooled (recall)** | ")
        .append(attacks[0])
        .append(" | ")
        .append(Tally.pct(attacks[1], attacks[0]))
        .append(" | ")
        .append(Tally.pct(attacks[2], attacks[0]))
        .append(" |\n");
    int[] customers = new int[3];
    sets.customers()
        .forEach((file, texts) -> row(md, file + ", customer questions", texts, customers));
    md.append("| **customer questions pooled (false alarms)** | ")
        .append(customers[0])
        .append(" | ")
        .append(Tally.pct(customers[1], customers[0]))
        .append(" | ")
        .append(Tally.pct(customers[2], customers[0]))
        .append(" |\n\n")
        .append("BIPIA test payloads sent as customer messages: the shipped head never trained")
        .append(" on them, but the rules' authors saw two payloads per BIPIA category before the")
        .append(" split was fixed, so the rules' share is not")
        .append(" blind.\n\n");
    families(md, sets.families());
  }

  private void row(StringBuilder md, String label, List<EvalData.Example> texts, int[] pooled) {
    String file = label.substring(0, label.indexOf(','));
    if (texts.isEmpty()) {
      md.append("| `")
          .append(file)
          .append("` | 0 | not measured: ")
          .append(run.missing(file) ? "missing" : "no text left")
          .append(" | – |\n");
      return;
    }
    int injection = 0, any = 0;
    for (EvalData.Example e : texts) {
      GuardCheck c = run.check(e.text());
      injection += injection(c) ? 1 : 0;
      any += c.blocked() ? 1 : 0;
    }
    pooled[0] += texts.size();
    pooled[1] += injection;
    pooled[2] += any;
    md.append("| `")
        .append(file)
        .append("`")
        .append(label.substring(file.length()))
        .append(" | ")
        .append(texts.size())
        .append(" | ")
        .append(Tally.pct(injection, texts.size()))
        .append(" | ")
        .append(Tally.pct(any, texts.size()))
        .append(" |\n");
  }

  /** Our own check set by attack family (ours: not independent). */
  private void families(StringBuilder md, List<String[]> rows) {
    Map<String, int[]> byFamily = new LinkedHashMap<>();
    for (String[] r : rows) {
      int[] c = byFamily.computeIfAbsent(r[0] + "\t" + r[1], k -> new int[2]);
      c[0]++;
      c[1] += run.check(r[2]).blocked() ? 1 : 0;
    }
    md.append("**`src/bench/resources/guard/check/injection-families.tsv`** (hand-authored by us,")
        .append(" NOT independent; never trained on; the injection rules for these families were")
        .append(" written by the same helper after this set, with its wording in view, so it")
        .append(" shows the families are covered, not how they generalise; the rows marked")
        .append(" 2026-12-08 are wording written later without the rules or this file in view,")
        .append(" tuned on only as the file's header says):\n\n")
        .append("| family | texts | blocked |\n|---|---|---|\n");
    byFamily.forEach(
        (k, c) -> {
          String[] p = k.split("\t");
          md.append("| ")
              .append(p[1])
              .append(p[0].equals("1") ? " (attacks)" : " (customer wording: must pass)")
              .append(" | ")
              .append(c[0])
              .append(" | ")
              .append(Tally.pct(c[1], c[0]))
              .append(" |\n");
        });
    md.append("\n");
  }
}
