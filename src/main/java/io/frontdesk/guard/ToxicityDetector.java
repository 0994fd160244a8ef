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
 * speech, slurs and offensive language (trained offline by {@code bin/train-guards}, loaded once
 * from {@code guard/toxicity-model.tsv}), combined as a noisy-or with the patterns in {@code
 * guard/abuse-rules.txt} for abuse aimed at people (insults, threats, hate, harassment). Both read
 * the message after {@link CharacterFolding} folded its look-alike and invisible characters and
 * {@link Disguises} spelled out its disguised words. The patterns of {@code
 * guard/frustration-rules.txt} add {@value #FRUSTRATED} findings (an upset customer, not toxic:
 * outside the score). Thread-safe; no I/O after construction.
 */
public final class ToxicityDetector {

  public static final String GUARD = "toxicity";
  public static final String MODEL = "guard/toxicity-model.tsv";

  static final String ABUSE_RULES = "guard/abuse-rules.txt";
  static final String FRUSTRATION_RULES = "guard/frustration-rules.txt";

  /** The category of the frustration patterns' findings (not part of the toxicity score). */
  public static final String FRUSTRATED = "frustrated";

  /**
   * A word weighing at least this in the model is strong profanity or a slur ("fuck", "shit",
   * "cunt"): toxic language wherever it stands, even among customer words the tweets never saw
   * ("two fucking weeks for my refund"), so the message is flagged whatever the sum says.
   */
  static final double STRONG_WORD = 3.9;

  /** The category of the finding for a strong word on its own (see {@link #STRONG_WORD}). */
  public static final String PROFANITY = "profanity";

  /** Words of the model weighing at least this are what a disguised spelling may resolve to. */
  static final double DISGUISE_WEIGHT = 2.0;

  /** The category of the word model's finding (the abuse patterns' findings carry their own). */
  static final String WORDS = "toxic";

  private final double bias;
  private final double evidence;
  private final Map<String, Double> weights;
  private final PhraseRules abuse;
  private final PhraseRules frustration;
  private final Disguises disguises;

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
    this(model, PhraseRules.load(ABUSE_RULES), PhraseRules.load(FRUSTRATION_RULES));
  }

  ToxicityDetector(Model model, PhraseRules abuse, PhraseRules frustration) {
    this.bias = model.bias();
    this.evidence = model.evidence();
    this.weights = Map.copyOf(withoutIdentityEvidence(model.weights()));
    this.abuse = abuse;
    this.frustration = frustration;
    this.disguises = new Disguises(vocabulary(model, abuse));
  }

  /**
   * Words naming who people are (gay, muslims, women, white...) weigh toxic in tweets because hate
   * is aimed at them, so on other text they flagged people who only said who they are ("as a gay
   * customer", "our women's team"). They are no evidence on their own: their positive weights are
   * dropped; the slurs are other words, and hate at a group is the abuse patterns' (@group).
   */
  static final java.util.Set<String> IDENTITY =
      java.util.Set.of(
          "gay",
          "gays",
          "queer",
          "queers",
          "lesbian",
          "lesbians",
          "bisexual",
          "trans",
          "transgender",
          "muslim",
          "muslims",
          "islam",
          "islamic",
          "jew",
          "jews",
          "jewish",
          "christian",
          "christians",
          "black",
          "blacks",
          "white",
          "whites",
          "asian",
          "asians",
          "african",
          "africans",
          "mexican",
          "mexicans",
          "latino",
          "latinos",
          "arab",
          "arabs",
          "immigrant",
          "immigrants",
          "women",
          "woman",
          "girls",
          "female",
          "females",
          "hindu",
          "sikh",
          "indian",
          "chinese",
          "disabled",
          "deaf",
          "blind",
          "old",
          "elderly");

  private static Map<String, Double> withoutIdentityEvidence(Map<String, Double> weights) {
    Map<String, Double> out = new HashMap<>(weights);
    for (String word : IDENTITY) {
      out.computeIfPresent("w:" + word, (k, w) -> Math.min(w, 0.0));
    }
    return out;
  }

  /** The model's most toxic words (strongest first), then the abuse patterns' words. */
  private static List<String> vocabulary(Model model, PhraseRules abuse) {
    List<String> out = new ArrayList<>();
    model.weights().entrySet().stream()
        .filter(e -> e.getKey().startsWith("w:") && e.getValue() >= DISGUISE_WEIGHT)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .map(e -> e.getKey().substring(2))
        .filter(w -> w.length() >= 3 && w.chars().allMatch(Character::isLetter))
        .forEach(out::add);
    abuse.words().stream()
        .filter(w -> w.length() >= 3 && !out.contains(w) && w.chars().allMatch(Character::isLetter))
        .forEach(out::add);
    return out;
  }

  /**
   * Probability 0..1 that the message is toxic; the first finding points at its most toxic word,
   * then one per abuse pattern and per frustration pattern (offsets in the message as written).
   */
  public Detection scan(String message) {
    Disguises.Normalised folded = CharacterFolding.fold(message);
    Disguises.Normalised normalised =
        disguises.normalise(folded.text()).after(folded, message.length());
    String text = HarmlessSenses.blank(normalised.text());
    List<ToxicityFeatures.Word> words = ToxicityFeatures.words(text);
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
      double weight = Math.max(weights.getOrDefault("w:" + w.word(), 0.0), inflected(w.word()));
      if (weight > worstWeight) {
        worst = w;
        worstWeight = weight;
      }
    }
    int start = worst == null ? 0 : worst.start();
    int end = worst == null ? text.length() : worst.end();
    List<GuardFinding> findings = new ArrayList<>();
    findings.add(original(new GuardFinding(GUARD, WORDS, p, start, end), normalised, message));
    if (strong(worst, worstWeight)) {
      findings.add(
          original(new GuardFinding(GUARD, PROFANITY, 0.9, start, end), normalised, message));
    }
    Tokens tokens = Tokens.of(text);
    Detection rules = abuse.scan(text, tokens, GUARD);
    rules.findings().forEach(f -> findings.add(original(f, normalised, message)));
    for (GuardFinding f : frustration.scan(text, tokens, GUARD).findings()) {
      findings.add(original(f, normalised, message));
    }
    double wordScore = strong(worst, worstWeight) ? Math.max(p, 0.9) : p;
    return new Detection(1 - (1 - wordScore) * (1 - rules.score()), findings);
  }

  private static final String[] INFLECTIONS = {"ed", "s", "es", "er", "ers", "ing", "in"};

  /**
   * The weight of the word this one inflects, when that is a {@link #STRONG_WORD} of four letters
   * or more ("fucked", "cunts"), else 0: tweets wrote some inflections too rarely for the model to
   * weigh them like their word, and disguised spellings resolve to any inflection.
   */
  private double inflected(String word) {
    for (String ending : INFLECTIONS) {
      if (word.endsWith(ending) && word.length() - ending.length() >= 4) {
        double w =
            weights.getOrDefault("w:" + word.substring(0, word.length() - ending.length()), 0.0);
        if (w >= STRONG_WORD) {
          return w;
        }
      }
    }
    return 0;
  }

  /**
   * A strong word flags on its own only when it has four letters or more: "ho" and "hoe" weigh like
   * slurs in tweets but are a greeting ("hi ho"), a cheer ("woo hoo"), a garden tool or a Dutch
   * word elsewhere; they still count in the model's sum.
   */
  private static boolean strong(ToxicityFeatures.Word worst, double weight) {
    return weight >= STRONG_WORD && worst != null && worst.word().length() >= 4;
  }

  private static GuardFinding original(GuardFinding f, Disguises.Normalised n, String message) {
    int start = n.original(f.start(), message.length());
    int end = f.end() <= f.start() ? start : n.original(f.end() - 1, message.length()) + 1;
    return new GuardFinding(f.guard(), f.category(), f.score(), start, Math.max(start, end));
  }

  /** The frustration patterns' part of a {@link #scan}: their noisy-or (0 when none matched). */
  public static double frustration(Detection d) {
    double frustrated = 0;
    for (GuardFinding f : d.findings()) {
      if (f.category().equals(FRUSTRATED)) {
        frustrated = 1 - (1 - frustrated) * (1 - f.score());
      }
    }
    return frustrated;
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

  /** The word model's part of a {@link #scan}: its probability, or 0.9 for a strong word. */
  public static double words(Detection d) {
    double words = 0;
    for (GuardFinding f : d.findings()) {
      if (f.category().equals(WORDS) || f.category().equals(PROFANITY)) {
        words = Math.max(words, f.score());
      }
    }
    return words;
  }

  /** The abuse patterns' part of a {@link #scan}: their noisy-or alone, without the word model. */
  public static double abuse(Detection d) {
    double abuse = 0;
    for (GuardFinding f : d.findings()) {
      if (!f.category().equals(WORDS)
          && !f.category().equals(PROFANITY)
          && !f.category().equals(FRUSTRATED)) {
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
