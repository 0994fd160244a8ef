package io.frontdesk.guard.eval;

import io.frontdesk.agent.routing.SoftmaxRegression;
import io.frontdesk.guard.EmbeddingHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Predicate;

/**
 * Trains one model-backed guard head (logistic regression over sentence embeddings) the same way
 * for the shipped resource and for every evaluation split: L-BFGS from zero, full batch, fixed L2,
 * positives repeated so they weigh a fixed share of the data, and the threshold calibrated on
 * out-of-fold scores of the training examples only (2 folds by a hash of the text), so nothing the
 * head is tested on chooses its threshold.
 */
final class HeadTrainer {

  static final double L2 = 1e-3;

  /** Positives are repeated until they weigh about this share of the training data. */
  static final double POSITIVE_SHARE = 0.2;

  /** How the threshold is chosen from out-of-fold scores. */
  record Calibration(
      Predicate<EvalData.Example> customer, double maxCustomerFalseAlarms, boolean maximiseF1) {}

  private final Map<String, float[]> vectors;

  HeadTrainer(Map<String, float[]> vectors) {
    this.vectors = vectors;
  }

  EmbeddingHead train(List<EvalData.Example> training, Calibration calibration, String note) {
    // customer questions are split by source, so the threshold is chosen on customer wording the
    // fold's model never saw (as production's will be); the rest by a hash of the text
    List<String> customerSources =
        training.stream()
            .filter(calibration.customer())
            .map(EvalData.Example::source)
            .distinct()
            .sorted()
            .toList();
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
      double[] head = fit(fit);
      for (int i : scored) {
        oof[i] = score(head, vectors.get(training.get(i).text()));
      }
    }
    double threshold = calibrate(training, oof, calibration);
    double[] head = fit(training);
    float[] w = new float[head.length - 1];
    for (int d = 0; d < w.length; d++) {
      w[d] = (float) head[d];
    }
    long positives = training.stream().filter(EvalData.Example::positive).count();
    return new EmbeddingHead(
        w,
        head[w.length],
        threshold,
        note
            + "\ntrained on "
            + training.size()
            + " texts ("
            + positives
            + " positive), L2 "
            + L2
            + ", threshold from 2-fold out-of-fold scores of the training texts (customer questions"
            + " folded by source)");
  }

  private double[] fit(List<EvalData.Example> examples) {
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
      float[] v = vectors.get(e.text());
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

  private static double calibrate(
      List<EvalData.Example> training, double[] oof, Calibration calibration) {
    double best = 0.99;
    double bestF1 = -1;
    // ascending: the lowest threshold that keeps customers' false alarms within the budget
    for (double t = 0.30; t < 0.995; t += 0.005) {
      int customers = 0, alarms = 0, tp = 0, fp = 0, fn = 0;
      for (int i = 0; i < training.size(); i++) {
        EvalData.Example e = training.get(i);
        boolean hit = oof[i] >= t;
        if (!e.positive() && calibration.customer().test(e)) {
          customers++;
          alarms += hit ? 1 : 0;
        }
        if (e.positive()) {
          tp += hit ? 1 : 0;
          fn += hit ? 0 : 1;
        } else {
          fp += hit ? 1 : 0;
        }
      }
      boolean withinBudget = alarms <= calibration.maxCustomerFalseAlarms() * customers;
      if (!withinBudget) {
        continue;
      }
      if (!calibration.maximiseF1()) {
        return t;
      }
      double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
      if (f1 > bestF1) {
        bestF1 = f1;
        best = t;
      }
    }
    return best;
  }

  /** The inner 2-fold split used for calibration, by a hash bit the outer splits do not use. */
  static int innerFold(String text) {
    return (int) ((Split.hash(text) >>> 7) & 1);
  }
}
