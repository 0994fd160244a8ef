package io.frontdesk.guard.eval;

import io.frontdesk.guard.Detection;
import io.frontdesk.guard.GuardFinding;
import io.frontdesk.guard.InjectionDetector;
import io.frontdesk.guard.PiiRedactor;
import io.frontdesk.guard.ToxicityDetector;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tuning aid: prints the errors a detector makes on the DEV half only (the held-out half is
 * never printed), so rules and thresholds can be improved without looking at what is reported.
 */
public final class GuardErrors {

  private GuardErrors() {}

  public static void main(String[] args) {
    EvalData data = new EvalData(Path.of(args.length > 1 ? args[1] : "../shared/eval"));
    String what = args.length > 0 ? args[0] : "injection";
    double threshold = 0.5;
    if (what.equals("injection")) {
      InjectionDetector detector = new InjectionDetector();
      Function<String, Detection> scan = detector::scan;
      misses(
          data.injecguardValid().stream().filter(EvalData.Example::positive).toList(),
          scan,
          threshold);
      misses(data.giskard(), scan, threshold);
      misses(data.bipia("text_attack_train"), scan, threshold);
      misses(data.bipia("code_attack_train"), scan, threshold);
      falseAlarms(
          data.injecguardValid().stream().filter(e -> !e.positive()).toList(), scan, threshold);
      falseAlarms(data.notInject(), scan, threshold);
      falseAlarms(data.wildguard(), scan, threshold);
      falseAlarms(data.banking77(), scan, threshold);
      falseAlarms(data.clincInScope(), scan, threshold);
    }
    if (what.equals("toxicity")) {
      // tuning never sees fold 0: train on folds 2-4 (+ the customer DEV halves), validate on
      // fold 1; false-alarm counts (no texts) on 3,000 held-out CLINC150 queries, NotInject and
      // StackFAQ were also looked at, as the report says
      List<EvalData.Example> train =
          ToxicityTraining.trainingSet(data).stream()
              .filter(e -> !EvalData.isTweet(e) || Split.fold(e.text()) != 1)
              .toList();
      ToxicityDetector.Model model = ToxicityTraining.train(train);
      ToxicityDetector detector = new ToxicityDetector(model);
      System.out.printf("model features %d bias %.3f%n", model.weights().size(), model.bias());
      List<EvalData.Example> validation =
          data.davidson().stream().filter(e -> Split.fold(e.text()) == 1).toList();
      for (double t : new double[] {0.3, 0.4, 0.5, 0.6, 0.7, 0.8}) {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (EvalData.Example e : validation) {
          boolean hit = detector.scan(e.text()).score() >= t;
          if (e.positive()) {
            if (hit) tp++;
            else fn++;
          } else {
            if (hit) fp++;
            else tn++;
          }
        }
        double p = tp / (double) (tp + fp), r = tp / (double) (tp + fn);
        long customerFp =
            data.clincInScope().stream()
                .filter(e -> Split.of(e.text()) == Split.HELD_OUT)
                .limit(3000)
                .filter(e -> detector.scan(e.text()).score() >= t)
                .count();
        long notInjectFp =
            data.notInject().stream().filter(e -> detector.scan(e.text()).score() >= t).count();
        long faqFp =
            data.stackFaqAnswers().stream().filter(e -> detector.scan(e).score() >= t).count();
        System.out.printf(
            "t=%.1f P %.3f R %.3f F1 %.3f neitherFPR %.3f clincHeldFP %d/3000 notInjectFP %d/339 faqFP %d/125%n",
            t, p, r, 2 * p * r / (p + r), fp / (double) (fp + tn), customerFp, notInjectFp, faqFp);
      }
      final double t = threshold;
      data.notInject().stream()
          .filter(e -> detector.scan(e.text()).score() >= t)
          .limit(30)
          .forEach(
              e -> System.out.printf("FP %.2f | %s%n", detector.scan(e.text()).score(), e.text()));
    }
    if (what.equals("pii")) {
      PiiRedactor redactor = new PiiRedactor();
      PiiScore score = new PiiScore();
      for (EvalData.PiiSentence sentence : data.presidio()) {
        if (Split.of(sentence.text()) == Split.DEV) {
          List<GuardFinding> found =
              redactor.find(sentence.text()).stream().filter(f -> f.score() >= threshold).toList();
          score.add(sentence, found, System.out::println);
        }
      }
      PiiScore variants = new PiiScore();
      for (PiiVariants.Variant v : PiiVariants.derive(data.presidio())) {
        if (Split.of(v.sentence().text()) == Split.DEV) {
          List<GuardFinding> found =
              redactor.find(v.sentence().text()).stream()
                  .filter(f -> f.score() >= threshold)
                  .toList();
          variants.add(v.sentence(), found, line -> System.out.println(v.name() + ": " + line));
        }
      }
      for (String line : EvalData.ownLines("guard/check/pii-not-personal.txt")) {
        redactor.find(line).stream()
            .filter(f -> f.score() >= threshold)
            .forEach(
                f ->
                    System.out.println(
                        "NOT PERSONAL, FOUND "
                            + f.category()
                            + " "
                            + line.substring(f.start(), f.end())
                            + " | "
                            + line));
      }
      variants.byType.forEach(
          (type, c) ->
              System.out.printf(
                  "== variants %s gold %d found %d predicted %d correct %d P %.3f R %.3f%n",
                  type, c.gold, c.found, c.predicted, c.correct, c.precision(), c.recall()));
      score.byType.forEach(
          (type, c) ->
              System.out.printf(
                  "== %s gold %d found %d predicted %d correct %d P %.3f R %.3f%n",
                  type, c.gold, c.found, c.predicted, c.correct, c.precision(), c.recall()));
    }
    if (what.equals("tool")) {
      ToolOutputErrors.main(new String[] {args.length > 1 ? args[1] : "../shared/eval"});
    }
  }

  static void misses(List<EvalData.Example> examples, Function<String, Detection> scan, double t) {
    int n = 0;
    int missed = 0;
    for (EvalData.Example e : examples) {
      if (Split.of(e.text()) != Split.DEV) {
        continue;
      }
      n++;
      Detection d = scan.apply(e.text());
      if (d.score() < t) {
        missed++;
        System.out.printf("MISS %.2f %s %s | %s%n", d.score(), e.source(), cats(d), clip(e.text()));
      }
    }
    System.out.printf("== misses %d/%d%n%n", missed, n);
  }

  static void falseAlarms(
      List<EvalData.Example> examples, Function<String, Detection> scan, double t) {
    int n = 0;
    int alarms = 0;
    for (EvalData.Example e : examples) {
      if (Split.of(e.text()) != Split.DEV) {
        continue;
      }
      n++;
      Detection d = scan.apply(e.text());
      if (d.score() >= t) {
        alarms++;
        System.out.printf(
            "FP %.2f %s %s | %s%n", d.score(), e.source(), spans(d, e.text()), clip(e.text()));
      }
    }
    System.out.printf("== false alarms %d/%d%n%n", alarms, n);
  }

  static String cats(Detection d) {
    return d.findings().stream()
        .map(GuardFinding::category)
        .collect(Collectors.joining(",", "[", "]"));
  }

  static String spans(Detection d, String text) {
    return d.findings().stream()
        .map(f -> f.category() + ":" + text.substring(f.start(), Math.min(f.end(), f.start() + 60)))
        .collect(Collectors.joining(" / ", "[", "]"));
  }

  static String clip(String text) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() > 220 ? flat.substring(0, 220) + "..." : flat;
  }
}
