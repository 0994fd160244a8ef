package io.frontdesk.guard.eval;

import io.frontdesk.agent.routing.SoftmaxRegression;
import io.frontdesk.guard.EmbeddingHead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Trains one model-backed guard head (logistic regression over sentence embeddings) the same way
 * for the shipped resource and for every evaluation split: L-BFGS from zero, full batch, fixed L2,
 * positives repeated so they weigh a fixed share of the data, and the threshold calibrated on
 * out-of-fold scores of the training examples only (2 folds by a hash of the text), so nothing the
 * head is tested on chooses its threshold. Two thresholds: the head alone within part of the
 * false-alarm budget, and a lower one for messages where the rules also saw a weak cue (score ≥ the
 * rule floor) within the whole budget.
 */
final class HeadTrainer {

  static final double L2 = 1e-3;

  /** Positives are repeated until they weigh about this share of the training data. */
  static final double POSITIVE_SHARE = 0.2;

  /**
   * Share of the false-alarm budget the head may spend alone; the rest goes to the second stage.
   */
  static final double SOLO_SHARE = 0.5;

  /**
   * Customer sources at least this large must each keep within the budget (not only their pool), so
   * one source's wording cannot hide behind another's.
   */
  static final int LARGE_SOURCE = 1000;

  /**
   * How the thresholds are chosen from out-of-fold scores: false alarms on customer questions at
   * most {@code maxCustomerFalseAlarms}, the lowest threshold (or the best F1) within it, and the
   * rules' score from which the second stage applies ({@code ruleFloor}; 1 disables it); {@code
   * stacked}: the rules' score is also a feature of the regression, so the head's own score
   * combines both signals, calibrated together.
   */
  record Calibration(
      Predicate<EvalData.Example> customer,
      double maxCustomerFalseAlarms,
      boolean maximiseF1,
      double ruleFloor,
      boolean stacked) {}

  private final Map<String, float[]> vectors;

  HeadTrainer(Map<String, float[]> vectors) {
    this.vectors = vectors;
  }

  EmbeddingHead train(
      List<EvalData.Example> training,
      Calibration calibration,
      ToDoubleFunction<String> rules,
      String note) {
    // customer questions are split by source, so the threshold is chosen on customer wording the
    // fold's model never saw (as production's will be); the rest by a hash of the text
    List<String> customerSources =
        training.stream()
            .filter(calibration.customer())
            .map(EvalData.Example::source)
            .distinct()
            .sorted()
            .toList();
    Map<String, Double> ruleScores = new HashMap<>();
    for (EvalData.Example e : training) {
      ruleScores.computeIfAbsent(e.text(), rules::applyAsDouble);
    }
    Features features = new Features(vectors, calibration.stacked() ? ruleScores : null);
    double[] oof = new double[training.size()];
    for (int fold = 0; fold < 2; fold++) {
      List<EvalData.Example> fit = new ArrayList<>();
      List<Integer> scored = new ArrayList<>();
      for (int i = 0; i < training.size(); i++) {
        EvalData.Example e = training.get(i);
        int inner =
            calibration.customer().test(e)
                ? customerSources.indexOf(e.source()) % 2
                : innerFold(e.text());
        if (inner == fold) {
          scored.add(i);
        } else {
          fit.add(training.get(i));
        }
      }
      double[] head = fit(fit, features);
      for (int i : scored) {
        oof[i] = score(head, features.of(training.get(i).text()));
      }
    }
    boolean[] cue = new boolean[training.size()];
    for (int i = 0; i < training.size(); i++) {
      cue[i] = ruleScores.get(training.get(i).text()) >= calibration.ruleFloor();
    }
    double budget = calibration.maxCustomerFalseAlarms();
    double threshold =
        calibrate(training, oof, calibration, budget * SOLO_SHARE, t -> new double[] {t, 1.0});
    double[] chosen =
        calibrate(training, oof, calibration, budget, t -> new double[] {threshold, t}, cue);
    double assisted = Math.min(threshold, chosen[1]);
    double[] head = fit(training, features);
    int dimensions = head.length - 1 - (calibration.stacked() ? 1 : 0);
    float[] w = new float[dimensions];
    for (int d = 0; d < w.length; d++) {
      w[d] = (float) head[d];
    }
    long positives = training.stream().filter(EvalData.Example::positive).count();
    return new EmbeddingHead(
        w,
        calibration.stacked() ? head[dimensions] : 0,
        head[head.length - 1],
        threshold,
        assisted,
        calibration.ruleFloor(),
        note
            + "\ntrained on "
            + training.size()
            + " texts ("
            + positives
            + " positive), L2 "
            + L2
            + (calibration.stacked() ? ", the rules' score as one more feature" : "")
            + ", thresholds from 2-fold out-of-fold scores of the training texts (customer questions"
            + " folded by source): alone "
            + String.format(Locale.ROOT, "%.3f", threshold)
            + ", with a rule cue >= "
            + calibration.ruleFloor()
            + " "
            + String.format(Locale.ROOT, "%.3f", assisted)
            + "; out of fold "
            + outOfFold(training, oof, cue, threshold, assisted, calibration));
  }

  /** A text's features: its vector, then (stacked) the rules' score for it. */
  private record Features(Map<String, float[]> vectors, Map<String, Double> ruleScores) {
    float[] of(String text) {
      float[] v = vectors.get(text);
      if (ruleScores == null) {
        return v;
      }
      float[] x = java.util.Arrays.copyOf(v, v.length + 1);
      x[v.length] = ruleScores.get(text).floatValue();
      return x;
    }
  }

  private double[] fit(List<EvalData.Example> examples, Features features) {
    long positives = examples.stream().filter(EvalData.Example::positive).count();
    long negatives = examples.size() - positives;
    int repeat =
        positives == 0
            ? 1
            : (int)
                Math.max(
                    1, Math.round(POSITIVE_SHARE / (1 - POSITIVE_SHARE) * negatives / positives));
    List<float[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    for (EvalData.Example e : examples) {
      float[] v = features.of(e.text());
      for (int r = 0; r < (e.positive() ? repeat : 1); r++) {
        x.add(v);
        y.add(e.positive() ? 1 : 0);
      }
    }
    SoftmaxRegression model =
        SoftmaxRegression.train(
            x.toArray(float[][]::new),
            y.stream().mapToInt(Integer::intValue).toArray(),
            2,
            new SoftmaxRegression.Settings(L2, 300, 1e-6),
            ForkJoinPool.commonPool());
    return model.binaryHead(1);
  }

  static double score(double[] head, float[] v) {
    double z = head[v.length];
    for (int d = 0; d < v.length; d++) {
      z += head[d] * v[d];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /** A candidate threshold {@code t} as the pair (threshold alone, threshold with a rule cue). */
  private interface Candidate {
    double[] of(double t);
  }

  private static double calibrate(
      List<EvalData.Example> training,
      double[] oof,
      Calibration calibration,
      double budget,
      Candidate candidate) {
    return calibrate(training, oof, calibration, budget, candidate, new boolean[training.size()])[
        0];
  }

  /**
   * The pair for the lowest {@code t} (or the best F1) whose out-of-fold false alarms on customer
   * questions stay within {@code budget}, pooled and in every large customer source.
   */
  private static double[] calibrate(
      List<EvalData.Example> training,
      double[] oof,
      Calibration calibration,
      double budget,
      Candidate candidate,
      boolean[] cue) {
    double[] best = candidate.of(0.99);
    double bestF1 = -1;
    // ascending: the lowest threshold that keeps customers' false alarms within the budget
    for (double t = 0.10; t < 0.995; t += 0.005) {
      double[] pair = candidate.of(t);
      Map<String, int[]> bySource = new HashMap<>();
      int tp = 0, fp = 0, fn = 0;
      for (int i = 0; i < training.size(); i++) {
        EvalData.Example e = training.get(i);
        boolean hit = oof[i] >= pair[0] || cue[i] && oof[i] >= pair[1];
        if (!e.positive() && calibration.customer().test(e)) {
          int[] c = bySource.computeIfAbsent(e.source(), k -> new int[2]);
          c[0]++;
          c[1] += hit ? 1 : 0;
        }
        if (e.positive()) {
          tp += hit ? 1 : 0;
          fn += hit ? 0 : 1;
        } else {
          fp += hit ? 1 : 0;
        }
      }
      if (!withinBudget(bySource, budget)) {
        continue;
      }
      if (!calibration.maximiseF1()) {
        return pair;
      }
      double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
      if (f1 > bestF1) {
        bestF1 = f1;
        best = pair;
      }
    }
    return best;
  }

  private static boolean withinBudget(Map<String, int[]> bySource, double budget) {
    int customers = 0, alarms = 0;
    for (int[] c : bySource.values()) {
      customers += c[0];
      alarms += c[1];
      if (c[0] >= LARGE_SOURCE && c[1] > budget * c[0]) {
        return false;
      }
    }
    return alarms <= budget * customers;
  }

  /** Out-of-fold recall and customer false alarms at the chosen thresholds, for the note. */
  private static String outOfFold(
      List<EvalData.Example> training,
      double[] oof,
      boolean[] cue,
      double threshold,
      double assisted,
      Calibration calibration) {
    int positives = 0, alone = 0, both = 0, customers = 0, alarmsAlone = 0, alarmsBoth = 0;
    for (int i = 0; i < training.size(); i++) {
      EvalData.Example e = training.get(i);
      boolean solo = oof[i] >= threshold;
      boolean hit = solo || cue[i] && oof[i] >= assisted;
      if (e.positive()) {
        positives++;
        alone += solo ? 1 : 0;
        both += hit ? 1 : 0;
      } else if (calibration.customer().test(e)) {
        customers++;
        alarmsAlone += solo ? 1 : 0;
        alarmsBoth += hit ? 1 : 0;
      }
    }
    return String.format(
        Locale.ROOT,
        "recall %d/%d alone, %d/%d with the second stage; customer false alarms %d/%d alone, %d/%d",
        alone,
        positives,
        both,
        positives,
        alarmsAlone,
        customers,
        alarmsBoth,
        customers);
  }

  /** The inner 2-fold split used for calibration, by a hash bit the outer splits do not use. */
  static int innerFold(String text) {
    return (int) ((Split.hash(text) >>> 7) & 1);
  }
}
