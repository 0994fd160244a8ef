package io.frontdesk.agent.routing;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Multinomial logistic regression (a softmax layer) over fixed feature vectors, trained by L-BFGS
 * on the L2-regularised cross-entropy. Training is deterministic: zero start, full batch, and the
 * gradient summed over fixed blocks in a fixed order, however many threads run them.
 */
public final class SoftmaxRegression {

  private static final int HISTORY = 10;
  private static final int BLOCKS = 16;

  private final int classes;
  private final int dims;
  // feature-major: weight of feature d for class c at [d * classes + c], the biases in the last
  // row, so both passes run over contiguous classes (loops the JIT vectorises)
  private final float[] weights;

  private SoftmaxRegression(int classes, int dims, float[] weights) {
    this.classes = classes;
    this.dims = dims;
    this.weights = weights;
  }

  public int classes() {
    return classes;
  }

  /** Dimensions of the vectors it was trained on. */
  public int dims() {
    return dims;
  }

  /** A copy of the weights, in the layout {@link #of} takes back. */
  float[] weights() {
    return weights.clone();
  }

  /** A model from stored weights ({@link #weights}): {@code (dims + 1) * classes} of them. */
  static SoftmaxRegression of(int classes, int dims, float[] weights) {
    if (classes < 1 || dims < 1 || weights.length != (dims + 1) * classes) {
      throw new IllegalArgumentException(
          weights.length + " weights do not fit " + classes + " classes of " + dims + " dims");
    }
    return new SoftmaxRegression(classes, dims, weights.clone());
  }

  /** Class probabilities for one vector, summing to 1. */
  public double[] probabilities(float[] x) {
    if (x.length != dims) {
      throw new IllegalArgumentException(
          "vector has " + x.length + " dimensions; the model was trained on " + dims);
    }
    float[] z = new float[classes];
    scores(weights, x, classes, z);
    double[] p = new double[classes];
    for (int c = 0; c < classes; c++) {
      p[c] = z[c];
    }
    softmax(p);
    return p;
  }

  /**
   * A two-class model as one logistic-regression head: {@code p(positive) = sigmoid(w·x + b)},
   * returned as the {@code dims} weights followed by the bias.
   */
  public double[] binaryHead(int positive) {
    if (classes != 2) {
      throw new IllegalStateException("not a two-class model: " + classes + " classes");
    }
    int negative = 1 - positive;
    double[] head = new double[dims + 1];
    for (int d = 0; d <= dims; d++) {
      head[d] = weights[d * classes + positive] - weights[d * classes + negative];
    }
    return head;
  }

  /** Training settings: L2 strength (weights only, not biases) and the iteration budget. */
  public record Settings(double l2, int maxIterations, double tolerance) {
    public static Settings defaults() {
      return new Settings(1e-4, 300, 1e-6);
    }
  }

  /**
   * Trains on {@code x[i]} labelled {@code y[i]} in {@code [0, classes)}.
   *
   * @param pool runs the gradient blocks; the result does not depend on its size
   */
  public static SoftmaxRegression train(
      float[][] x, int[] y, int classes, Settings settings, ForkJoinPool pool) {
    if (x.length == 0 || x.length != y.length) {
      throw new IllegalArgumentException("need as many labels as vectors, at least one");
    }
    int dims = x[0].length;
    Objective objective = new Objective(x, y, classes, dims, settings.l2(), pool);
    double[] w = new double[classes * (dims + 1)];
    minimise(objective, w, settings);
    float[] weights = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      weights[i] = (float) w[i];
    }
    return new SoftmaxRegression(classes, dims, weights);
  }

  /** L-BFGS with a backtracking (Armijo) line search. */
  private static void minimise(Objective f, double[] w, Settings settings) {
    int n = w.length;
    double[] g = new double[n];
    double loss = f.evaluate(w, g);
    History history = new History(n);
    double[] direction = new double[n];
    double[] trial = new double[n];
    double[] trialGradient = new double[n];
    for (int iteration = 0; iteration < settings.maxIterations(); iteration++) {
      history.direction(g, direction);
      double slope = dot(g, direction);
      if (slope >= 0) {
        // not a descent direction (curvature lost): restart from steepest descent
        for (int i = 0; i < n; i++) {
          direction[i] = -g[i];
        }
        slope = dot(g, direction);
        history.forget();
      }
      double trialLoss = lineSearch(f, w, loss, slope, direction, trial, trialGradient);
      history.record(w, g, trial, trialGradient);
      System.arraycopy(trial, 0, w, 0, n);
      System.arraycopy(trialGradient, 0, g, 0, n);
      double improvement = loss - trialLoss;
      loss = trialLoss;
      if (improvement < settings.tolerance() * Math.max(1, Math.abs(loss))) {
        break;
      }
    }
  }

  /**
   * Halves the step along {@code direction} from 1 until the loss falls enough (Armijo) or the step
   * is negligible; leaves the point reached in {@code trial} and its gradient in {@code
   * trialGradient}, and returns its loss.
   */
  private static double lineSearch(
      Objective f,
      double[] w,
      double loss,
      double slope,
      double[] direction,
      double[] trial,
      double[] trialGradient) {
    double step = 1;
    while (true) {
      for (int i = 0; i < w.length; i++) {
        trial[i] = w[i] + step * direction[i];
      }
      double trialLoss = f.evaluate(trial, trialGradient);
      if (trialLoss <= loss + 1e-4 * step * slope || step < 1e-10) {
        return trialLoss;
      }
      step /= 2;
    }
  }

  /** The last {@value #HISTORY} steps and gradient changes: L-BFGS's picture of the curvature. */
  private static final class History {
    private final int n;
    private final double[][] s = new double[HISTORY][];
    private final double[][] t = new double[HISTORY][];
    private final double[] rho = new double[HISTORY];
    private int stored;
    private int newest = -1;

    History(int n) {
      this.n = n;
    }

    /** Two-loop recursion: {@code direction = -H g}. */
    void direction(double[] g, double[] direction) {
      System.arraycopy(g, 0, direction, 0, n);
      double[] alpha = new double[HISTORY];
      for (int k = 0; k < stored; k++) {
        int i = Math.floorMod(newest - k, HISTORY);
        alpha[i] = rho[i] * dot(s[i], direction);
        axpy(-alpha[i], t[i], direction);
      }
      if (stored > 0) {
        double gamma = dot(s[newest], t[newest]) / dot(t[newest], t[newest]);
        scale(direction, gamma);
      } else {
        scale(direction, 1 / Math.max(1e-12, Math.sqrt(dot(g, g))));
      }
      for (int k = stored - 1; k >= 0; k--) {
        int i = Math.floorMod(newest - k, HISTORY);
        double beta = rho[i] * dot(t[i], direction);
        axpy(alpha[i] - beta, s[i], direction);
      }
      scale(direction, -1);
    }

    /** Drops every pair: the next direction is steepest descent. */
    void forget() {
      stored = 0;
    }

    /** Keeps the step from {@code w} to {@code trial}, unless its curvature is not positive. */
    void record(double[] w, double[] g, double[] trial, double[] trialGradient) {
      newest = (newest + 1) % HISTORY;
      s[newest] = new double[n];
      t[newest] = new double[n];
      for (int i = 0; i < n; i++) {
        s[newest][i] = trial[i] - w[i];
        t[newest][i] = trialGradient[i] - g[i];
      }
      double curvature = dot(s[newest], t[newest]);
      if (curvature > 1e-12) {
        rho[newest] = 1 / curvature;
        stored = Math.min(stored + 1, HISTORY);
      } else {
        newest = Math.floorMod(newest - 1, HISTORY);
      }
    }
  }

  /** Mean cross-entropy plus the L2 penalty, and its gradient. */
  private record Objective(
      float[][] x, int[] y, int classes, int dims, double l2, ForkJoinPool pool) {

    double evaluate(double[] w, double[] gradient) {
      int n = x.length;
      int blocks = Math.min(BLOCKS, n);
      float[] wf = new float[w.length];
      for (int i = 0; i < w.length; i++) {
        wf[i] = (float) w[i];
      }
      float[][] partial = new float[blocks][];
      double[] losses = new double[blocks];
      pool.submit(
              () ->
                  IntStream.range(0, blocks)
                      .parallel()
                      .forEach(
                          b -> {
                            float[] grad = new float[w.length];
                            losses[b] = block(wf, b * n / blocks, (b + 1) * n / blocks, grad);
                            partial[b] = grad;
                          }))
          .join();
      Arrays.fill(gradient, 0);
      double loss = 0;
      for (int b = 0; b < blocks; b++) {
        loss += losses[b];
        float[] g = partial[b];
        for (int i = 0; i < g.length; i++) {
          gradient[i] += g[i];
        }
      }
      loss /= n;
      scale(gradient, 1.0 / n);
      int weightsOnly = dims * classes;
      for (int i = 0; i < weightsOnly; i++) {
        loss += 0.5 * l2 * w[i] * w[i];
        gradient[i] += l2 * w[i];
      }
      return loss;
    }

    /**
     * The summed cross-entropy of vectors {@code [from, to)}, their gradient added into {@code
     * grad}.
     */
    private double block(float[] wf, int from, int to, float[] grad) {
      float[] z = new float[classes];
      double sum = 0;
      for (int i = from; i < to; i++) {
        float[] xi = x[i];
        scores(wf, xi, classes, z);
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
          max = Math.max(max, z[c]);
        }
        double norm = 0;
        for (int c = 0; c < classes; c++) {
          z[c] = (float) Math.exp(z[c] - max);
          norm += z[c];
        }
        sum -= Math.log(Math.max(z[y[i]] / norm, 1e-300));
        float inv = (float) (1 / norm);
        for (int c = 0; c < classes; c++) {
          z[c] *= inv;
        }
        z[y[i]] -= 1; // z now holds the error p - onehot
        for (int d = 0; d < dims; d++) {
          float xd = xi[d];
          int row = d * classes;
          for (int c = 0; c < classes; c++) {
            grad[row + c] += z[c] * xd;
          }
        }
        int bias = dims * classes;
        for (int c = 0; c < classes; c++) {
          grad[bias + c] += z[c];
        }
      }
      return sum;
    }
  }

  /** z = W x + b, accumulated feature by feature over contiguous classes. */
  private static void scores(float[] w, float[] x, int classes, float[] z) {
    int bias = x.length * classes;
    System.arraycopy(w, bias, z, 0, classes);
    for (int d = 0; d < x.length; d++) {
      float xd = x[d];
      int row = d * classes;
      for (int c = 0; c < classes; c++) {
        z[c] += w[row + c] * xd;
      }
    }
  }

  private static void softmax(double[] p) {
    double max = Arrays.stream(p).max().orElse(0);
    double norm = 0;
    for (int c = 0; c < p.length; c++) {
      p[c] = Math.exp(p[c] - max);
      norm += p[c];
    }
    for (int c = 0; c < p.length; c++) {
      p[c] /= norm;
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static void scale(double[] x, double a) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= a;
    }
  }
}
