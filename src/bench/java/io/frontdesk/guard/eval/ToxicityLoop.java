package io.frontdesk.guard.eval;

import io.frontdesk.agent.routing.eval.CachedEmbedder;
import io.frontdesk.embedding.InProcessEmbedder;
import io.frontdesk.guard.EmbeddingHead;
import io.frontdesk.guard.EmbeddingHeads;
import io.frontdesk.guard.GuardCheck;
import io.frontdesk.guard.GuardConfig;
import io.frontdesk.guard.GuardPipeline;
import io.frontdesk.guard.GuardVerdict;
import io.frontdesk.guard.InjectionDetector;
import io.frontdesk.guard.PiiRedactor;
import io.frontdesk.guard.PromptLeakDetector;
import io.frontdesk.guard.ToolOutputGuard;
import io.frontdesk.guard.ToxicityDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The toxicity tuning loop ({@code bin/train-guards --toxicity-loop}): the shipped pipeline (rules
 * and heads) on the texts tuning may look at — our own training texts (every error printed), the
 * older check sets, Davidson fold 1 and the DEV halves of the customer sets (counts only) — never
 * Davidson fold 0, a HELD-OUT half or the care check set, which only the evaluation reports.
 */
public final class ToxicityLoop {

  private ToxicityLoop() {}

  public static void main(String[] args) {
    EvalData data = new EvalData(Path.of(args.length > 0 ? args[0] : "../shared/eval"));
    GuardConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(GuardConfig.class)
            .build()
            .getConfigMapping(GuardConfig.class);
    GuardPipeline pipeline =
        new GuardPipeline(
            config,
            new InjectionDetector(),
            new ToxicityDetector(),
            new PiiRedactor(),
            new PromptLeakDetector(),
            new ToolOutputGuard(),
            new SimpleMeterRegistry(),
            args.length > 1 && args[1].equals("--rules")
                ? new EmbeddingHeads(null, null)
                : new EmbeddingHeads(null, EmbeddingHead.load(EmbeddingHead.TOXICITY)));
    InProcessEmbedder model = InProcessEmbedder.load();
    CachedEmbedder cached = new CachedEmbedder(model, Path.of("target/eval-cache"));
    UnaryOperator<String> window = HeadData.asTheTurnReadsIt(model);
    List<String> all = new ArrayList<>();
    List<EvalData.Example> toxic = HeadData.authored("toxic.txt", true, "a");
    List<EvalData.Example> frustrated = HeadData.authored("frustrated.txt", true, "a");
    List<EvalData.Example> civil = HeadData.authored("not-toxic.txt", false, "a");
    List<EvalData.Example> check = HeadData.checkSet("guard/check/toxicity-check.tsv");
    List<EvalData.Example> fold1 =
        data.davidson().stream().filter(e -> Split.fold(e.text()) == 1).toList();
    List<EvalData.Example> customers = new ArrayList<>();
    data.banking77().stream()
        .filter(e -> Split.of(e.text()) == Split.DEV && HeadData.sampled(e.text(), 2))
        .forEach(customers::add);
    data.clincInScope().stream()
        .filter(e -> Split.of(e.text()) == Split.DEV && HeadData.sampled(e.text(), 3))
        .forEach(customers::add);
    for (List<EvalData.Example> set : List.of(toxic, frustrated, civil, check, fold1, customers)) {
      set.forEach(e -> all.add(e.text()));
    }
    List<float[]> vectors = cached.embedAll(all.stream().map(window).toList());
    cached.save();
    java.util.Map<String, float[]> byText = new java.util.HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      byText.put(all.get(i), vectors.get(i));
    }
    report("authored toxic.txt (must block)", toxic, pipeline, byText, "block", true);
    report("authored frustrated.txt (must care)", frustrated, pipeline, byText, "care", true);
    report("authored not-toxic.txt (must pass)", civil, pipeline, byText, "pass", true);
    report("check toxicity-check.tsv, toxic", pos(check, true), pipeline, byText, "block", true);
    report("check toxicity-check.tsv, civil", pos(check, false), pipeline, byText, "pass", true);
    flagF1("Davidson fold 1", fold1, pipeline, byText);
    report("customers DEV sample (must pass)", customers, pipeline, byText, "pass", false);
  }

  private static List<EvalData.Example> pos(List<EvalData.Example> set, boolean positive) {
    return set.stream().filter(e -> e.positive() == positive).toList();
  }

  static String outcome(GuardCheck check) {
    if (check.blocked()) {
      return "block";
    }
    if (check.care()) {
      return check.verdicts().stream().anyMatch(v -> v.guard().equals("frustration") && v.cares())
          ? "care(frustration)"
          : "care";
    }
    return "pass";
  }

  private static void report(
      String name,
      List<EvalData.Example> set,
      GuardPipeline pipeline,
      java.util.Map<String, float[]> vectors,
      String expected,
      boolean print) {
    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    List<String> errors = new ArrayList<>();
    for (EvalData.Example e : set) {
      GuardCheck check = pipeline.checkInput(e.text(), vectors.get(e.text()));
      String outcome = outcome(check);
      counts.merge(outcome, 1, Integer::sum);
      boolean ok =
          expected.equals("pass") ? !outcome.equals("block") : outcome.startsWith(expected);
      if (!ok || expected.equals("pass") && !outcome.equals("pass")) {
        errors.add(outcome + " | " + describe(check) + " | " + e.text());
      }
    }
    System.out.println("== " + name + " " + set.size() + ": " + counts);
    if (print) {
      errors.forEach(l -> System.out.println("   " + l));
    }
  }

  private static String describe(GuardCheck check) {
    StringBuilder out = new StringBuilder();
    for (GuardVerdict v : check.verdicts()) {
      if (v.guard().startsWith("toxicity") || v.guard().equals("frustration")) {
        out.append(String.format(java.util.Locale.ROOT, "%s %.2f ", v.guard(), v.score()));
        v.findings()
            .forEach(
                f ->
                    out.append(f.category())
                        .append(String.format(java.util.Locale.ROOT, ":%.2f ", f.score())));
      }
    }
    return out.toString().strip();
  }

  private static void flagF1(
      String name,
      List<EvalData.Example> set,
      GuardPipeline pipeline,
      java.util.Map<String, float[]> vectors) {
    int tp = 0, fp = 0, fn = 0, blockedPos = 0;
    for (EvalData.Example e : set) {
      GuardCheck check = pipeline.checkInput(e.text(), vectors.get(e.text()));
      boolean flagged =
          check.verdicts().stream()
              .anyMatch(v -> v.triggered() && v.guard().startsWith("toxicity"));
      if (flagged && e.positive()) tp++;
      else if (flagged) fp++;
      else if (e.positive()) fn++;
      blockedPos += check.blocked() && e.positive() ? 1 : 0;
    }
    System.out.printf(
        "== %s %d: flagged P %.3f R %.3f F1 %.3f; refused %d of %d toxic%n",
        name,
        set.size(),
        tp / (double) (tp + fp),
        tp / (double) (tp + fn),
        2.0 * tp / (2.0 * tp + fp + fn),
        blockedPos,
        tp + fn);
  }
}
