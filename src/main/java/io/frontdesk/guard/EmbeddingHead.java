package io.frontdesk.guard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A logistic-regression head over a message's sentence embedding (the vector the router already
 * computed for the turn) and, when trained so, the same guard's rule score {@code r}: {@code p =
 * sigmoid(w·x + v·r + b)} — one calibrated score combining both signals rather than two thresholds
 * OR-ed — triggering at a threshold calibrated on the training sources only, or at a lower one when
 * the rules also saw a weak cue ({@link #triggers}). Written by {@code bin/train-guards};
 * thread-safe, no I/O after loading.
 */
public final class EmbeddingHead {

  public static final String INJECTION = "guard/injection-head.tsv";
  public static final String TOXICITY = "guard/toxicity-head.tsv";

  private final float[] weights;
  private final double bias;
  private final double threshold;
  private final double assistedThreshold;
  private final double ruleFloor;
  private final double ruleWeight;
  private final String trainedOn;

  /** A head that triggers on its own score alone. */
  public EmbeddingHead(float[] weights, double bias, double threshold, String trainedOn) {
    this(weights, bias, threshold, threshold, 1.0, trainedOn);
  }

  /**
   * A head with a second stage: it also triggers at {@code assistedThreshold} (≤ {@code threshold})
   * when the rules' score for the same message is at least {@code ruleFloor} — two weak signals
   * that agree, each too weak to block alone.
   */
  public EmbeddingHead(
      float[] weights,
      double bias,
      double threshold,
      double assistedThreshold,
      double ruleFloor,
      String trainedOn) {
    this(weights, 0, bias, threshold, assistedThreshold, ruleFloor, trainedOn);
  }

  /** A head that also weighs the rules' score ({@code ruleWeight}, 0: the embedding alone). */
  public EmbeddingHead(
      float[] weights,
      double ruleWeight,
      double bias,
      double threshold,
      double assistedThreshold,
      double ruleFloor,
      String trainedOn) {
    this.weights = weights.clone();
    this.ruleWeight = ruleWeight;
    this.bias = bias;
    this.threshold = threshold;
    this.assistedThreshold = Math.min(threshold, assistedThreshold);
    this.ruleFloor = ruleFloor;
    this.trainedOn = trainedOn;
  }

  /** Probability 0..1 that the embedded message is positive, for a head without a rule weight. */
  public double score(float[] vector) {
    return score(vector, 0);
  }

  /**
   * Probability 0..1 that the embedded message is positive (an attack, toxic), given the same
   * guard's rule score for it (ignored by a head trained without one).
   */
  public double score(float[] vector, double ruleScore) {
    if (vector.length != weights.length) {
      throw new IllegalArgumentException(
          "vector has " + vector.length + " dimensions; the head has " + weights.length);
    }
    double z = bias + ruleWeight * ruleScore;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * vector[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /** The score at or above which the head triggers (calibrated when it was trained). */
  public double threshold() {
    return threshold;
  }

  /**
   * The lower threshold that applies when the rules scored the message at least {@link #ruleFloor}.
   */
  public double assistedThreshold() {
    return assistedThreshold;
  }

  /** The rules' score from which the assisted threshold applies (1 or more: never). */
  public double ruleFloor() {
    return ruleFloor;
  }

  /** Whether the head fires for score {@code p}, given the rules' score for the same message. */
  public boolean triggers(double p, double ruleScore) {
    return p >= threshold || ruleScore >= ruleFloor && p >= assistedThreshold;
  }

  /** The weight of the rules' score inside the head's own score (0: the embedding alone). */
  public double ruleWeight() {
    return ruleWeight;
  }

  public int dimensions() {
    return weights.length;
  }

  /**
   * The resource format: comment lines, then {@code threshold}, optionally {@code
   * assisted_threshold} and {@code rule_floor}, optionally {@code rule_weight}, {@code bias} and
   * {@code w}.
   */
  public String format() {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(trainedOn.replace("\n", "\n# ")).append('\n');
    out.append("threshold\t").append(String.format(Locale.ROOT, "%.6f", threshold)).append('\n');
    if (ruleFloor < 1) {
      out.append("assisted_threshold\t")
          .append(String.format(Locale.ROOT, "%.6f", assistedThreshold))
          .append('\n');
      out.append("rule_floor\t").append(String.format(Locale.ROOT, "%.6f", ruleFloor)).append('\n');
    }
    if (ruleWeight != 0) {
      out.append("rule_weight\t")
          .append(String.format(Locale.ROOT, "%.6f", ruleWeight))
          .append('\n');
    }
    out.append("bias\t").append(String.format(Locale.ROOT, "%.6f", bias)).append('\n');
    out.append("w\t");
    for (int i = 0; i < weights.length; i++) {
      out.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", weights[i]));
    }
    return out.append('\n').toString();
  }

  public static EmbeddingHead parse(String text) {
    double threshold = 0.5;
    double assisted = Double.NaN;
    double ruleFloor = 1.0;
    double ruleWeight = 0;
    double bias = 0;
    float[] weights = null;
    StringBuilder comment = new StringBuilder();
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        comment.append(comment.isEmpty() ? "" : "\n").append(line.substring(1).strip());
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab < 0) {
        continue;
      }
      String value = line.substring(tab + 1).strip();
      switch (line.substring(0, tab)) {
        case "threshold" -> threshold = Double.parseDouble(value);
        case "assisted_threshold" -> assisted = Double.parseDouble(value);
        case "rule_floor" -> ruleFloor = Double.parseDouble(value);
        case "rule_weight" -> ruleWeight = Double.parseDouble(value);
        case "bias" -> bias = Double.parseDouble(value);
        case "w" -> {
          String[] parts = value.split(",");
          weights = new float[parts.length];
          for (int i = 0; i < parts.length; i++) {
            weights[i] = Float.parseFloat(parts[i]);
          }
        }
        default -> throw new IllegalArgumentException("unknown head field " + line);
      }
    }
    if (weights == null) {
      throw new IllegalArgumentException("head without weights");
    }
    return new EmbeddingHead(
        weights,
        ruleWeight,
        bias,
        threshold,
        Double.isNaN(assisted) ? threshold : assisted,
        ruleFloor,
        comment.toString());
  }

  public static EmbeddingHead load(String resource) {
    try (InputStream in = EmbeddingHead.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing guard resource " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
