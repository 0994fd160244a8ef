package io.frontdesk.guard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Toxic or abusive language: a logistic-regression model over {@link ToxicityFeatures} for hate
 * speech, slurs and offensive language (trained offline by {@code bin/evaluate-guards --train},
 * loaded once from {@code guard/toxicity-model.tsv}), combined as a noisy-or with the patterns in
 * {@code guard/abuse-rules.txt} for insults aimed at the assistant and threats. Thread-safe; no I/O
 * after construction.
 */
public final class ToxicityDetector {

  public static final String GUARD = "toxicity";
  public static final String MODEL = "guard/toxicity-model.tsv";

  static final String ABUSE_RULES = "guard/abuse-rules.txt";

  /** The category of the word model's finding (the abuse patterns' findings carry their own). */
  static final String WORDS = "toxic";

  private final double bias;
  private final double evidence;
  private final Map<String, Double> weights;
  private final PhraseRules abuse;

  public ToxicityDetector() {
    this(load(MODEL));
  }

  /**
   * A model as the trainer writes it: a bias, one weight per feature, and the evidence weight: a
   * message needs one word or word pair weighing at least this much to score fully, so ordinary
   * text the model never saw cannot add up to "toxic" from many faintly positive words.
   */
  public record Model(double bias, double evidence, Map<String, Double> weights) {}

  public ToxicityDetector(Model model) {
    this(model, PhraseRules.load(ABUSE_RULES));
  }

  ToxicityDetector(Model model, PhraseRules abuse) {
    this.bias = model.bias();
    this.evidence = model.evidence();
    this.weights = Map.copyOf(model.weights());
    this.abuse = abuse;
  }

  /** Probability 0..1 that the message is toxic; the finding points at its most toxic word. */
  public Detection scan(String message) {
    List<ToxicityFeatures.Word> words = ToxicityFeatures.words(message);
    double z = bias;
    double strongest = 0;
    for (String feature : ToxicityFeatures.of(words)) {
      double weight = weights.getOrDefault(feature, 0.0);
      z += weight;
      strongest = Math.max(strongest, weight);
    }
    double p = 1 / (1 + Math.exp(-z));
    if (strongest < evidence) {
      p *= strongest / evidence;
    }
    ToxicityFeatures.Word worst = null;
    double worstWeight = 0;
    for (ToxicityFeatures.Word w : words) {
      double weight = weights.getOrDefault("w:" + w.word(), 0.0);
      if (weight > worstWeight) {
        worst = w;
        worstWeight = weight;
      }
    }
    int start = worst == null ? 0 : worst.start();
    int end = worst == null ? message.length() : worst.end();
    List<GuardFinding> findings = new ArrayList<>();
    findings.add(new GuardFinding(GUARD, WORDS, p, start, end));
    Detection rules = abuse.scan(message, Tokens.of(message), GUARD);
    findings.addAll(rules.findings());
    return new Detection(1 - (1 - p) * (1 - rules.score()), findings);
  }

  /**
   * Whether the rules' verdict on {@code d} (a {@link #scan} of the message) stands. The word model
   * learnt its words from tweets, where "died", "hell" or "ex" mostly come with abuse; elsewhere
   * they do not. So a message that only the word model flags, below {@code wordsAlone} and with no
   * abuse pattern at {@code threshold}, needs the embedding head to agree at {@code headConfirms}
   * or more ({@code headScore}; NaN when there is no head or no vector: then the rules decide
   * alone, as before).
   */
  public static boolean rulesBlock(
      Detection d, double threshold, double wordsAlone, double headScore, double headConfirms) {
    if (d.score() < threshold) {
      return false;
    }
    if (Double.isNaN(headScore) || abuse(d) >= threshold || words(d) >= wordsAlone) {
      return true;
    }
    return headScore >= headConfirms;
  }

  /** The word model's part of a {@link #scan}: its probability alone. */
  public static double words(Detection d) {
    double words = 0;
    for (GuardFinding f : d.findings()) {
      if (f.category().equals(WORDS)) {
        words = Math.max(words, f.score());
      }
    }
    return words;
  }

  /** The abuse patterns' part of a {@link #scan}: their noisy-or alone, without the word model. */
  public static double abuse(Detection d) {
    double abuse = 0;
    for (GuardFinding f : d.findings()) {
      if (!f.category().equals(WORDS)) {
        abuse = 1 - (1 - abuse) * (1 - f.score());
      }
    }
    return abuse;
  }

  static Model load(String resource) {
    try (InputStream in = ToxicityDetector.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing guard resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      double bias = 0;
      double evidence = 0;
      Map<String, Double> weights = new HashMap<>();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int tab = line.lastIndexOf('\t');
        String name = line.substring(0, tab);
        double weight = Double.parseDouble(line.substring(tab + 1));
        if (name.equals("bias")) {
          bias = weight;
        } else if (name.equals("evidence")) {
          evidence = weight;
        } else {
          weights.put(name, weight);
        }
      }
      return new Model(bias, evidence, weights);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
