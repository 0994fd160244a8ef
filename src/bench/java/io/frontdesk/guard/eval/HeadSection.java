package io.frontdesk.guard.eval;

import io.frontdesk.agent.routing.eval.CachedEmbedder;
import io.frontdesk.embedding.InProcessEmbedder;
import io.frontdesk.guard.Detection;
import io.frontdesk.guard.EmbeddingHead;
import io.frontdesk.guard.GuardConfig;
import io.frontdesk.guard.InjectionDetector;
import io.frontdesk.guard.ToxicityDetector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The model-backed input guards measured the way production meets them: heads retrained without a
 * whole source and tested on it (leave-one-source-out), and on hash halves, each beside the rules
 * alone and rules OR head (the shipped combination: either may block).
 */
final class HeadSection {

  /** Attack sources whose cross-source recall is the headline. */
  static final List<String> ATTACK_GROUPS = List.of("giskard", "bipia", "valid.json");

  /** Benign sources, each left out in turn. */
  static final List<String> BENIGN_GROUPS =
      List.of("banking77", "clinc150", "NotInject", "wildguard");

  private final HeadData data;
  private final HeadTrainer trainer;
  private final InjectionDetector injectionRules;
  private final ToxicityDetector toxicityRules;
  private final double injectionThreshold;
  private final double toxicityThreshold;
  private final GuardConfig.Toxicity toxicity;

  /** Headline figures for the summary. */
  final Counts crossAttacks = new Counts();

  final Counts crossCustomers = new Counts();
  Confusion toxicityRulesHeld;
  Confusion toxicityHeadHeld;
  Confusion toxicityCombinedHeld;
  Confusion toxicityCheckCombined;
  Confusion toxicityHeadWithoutDavidson;
  Confusion toxicityWithoutTweets;
  final Counts toxicityCrossCustomers = new Counts();

  /** Hits of rules, head and either, over a number of texts. */
  static final class Counts {
    int n;
    int rules;
    int head;
    int either;

    void add(boolean r, boolean h) {
      add(r, h, r || h);
    }

    /** {@code service}: the verdict as the service combines the two (not always r || h). */
    void add(boolean r, boolean h, boolean service) {
      n++;
      rules += r ? 1 : 0;
      head += h ? 1 : 0;
      either += service ? 1 : 0;
    }

    void addAll(Counts c) {
      n += c.n;
      rules += c.rules;
      head += c.head;
      either += c.either;
    }

    double eitherRate() {
      return n == 0 ? Double.NaN : (double) either / n;
    }

    String cells() {
      return Tally.pct(rules, n) + " | " + Tally.pct(head, n) + " | " + Tally.pct(either, n);
    }
  }

  record Confusion(int tp, int fp, int fn) {
    double precision() {
      return tp / (double) Math.max(1, tp + fp);
    }

    double recall() {
      return tp / (double) Math.max(1, tp + fn);
    }

    double f1() {
      return 2.0 * tp / Math.max(1, 2.0 * tp + fp + fn);
    }

    String cells() {
      return String.format(Locale.ROOT, "%.3f | %.3f | %.3f", precision(), recall(), f1());
    }

    /** "F1 (P precision / R recall)", for the summary tables. */
    String f1WithPrecisionRecall() {
      if (tp + fp + fn == 0) {
        return "–";
      }
      return Tally.ratio(f1())
          + " (P "
          + Tally.ratio(precision())
          + " / R "
          + Tally.ratio(recall())
          + ")";
    }
  }

  /**
   * The section over {@code data}'s sets, embedded (each through {@code model}'s message window) by
   * the vector cache, which is saved after, with the guards' thresholds.
   */
  static HeadSection over(
      EvalData data,
      InProcessEmbedder model,
      CachedEmbedder cached,
      GuardConfig config,
      InjectionDetector injectionRules,
      ToxicityDetector toxicityRules) {
    HeadData heads = new HeadData(data, cached, HeadData.asTheTurnReadsIt(model));
    cached.save();
    return new HeadSection(
        heads, injectionRules, config.injection().threshold(), toxicityRules, config.toxicity());
  }

  HeadSection(
      HeadData data,
      InjectionDetector injectionRules,
      double injectionThreshold,
      ToxicityDetector toxicityRules,
      GuardConfig.Toxicity toxicity) {
    this.data = data;
    this.trainer = new HeadTrainer(data.vectors);
    this.injectionRules = injectionRules;
    this.injectionThreshold = injectionThreshold;
    this.toxicityRules = toxicityRules;
    this.toxicity = toxicity;
    this.toxicityThreshold = toxicity.threshold();
  }

  private static String group(HeadData.Item i) {
    return i.group().startsWith("bipia") ? "bipia" : i.group();
  }

  private Counts injection(EmbeddingHead head, List<HeadData.Item> tested) {
    Counts c = new Counts();
    for (HeadData.Item i : tested) {
      String text = i.example().text();
      double rules = injectionRules.scan(text).score();
      c.add(
          rules >= injectionThreshold,
          head.triggers(head.score(data.vectors.get(text), rules), rules));
    }
    return c;
  }

  private EmbeddingHead trainInjection(Predicate<HeadData.Item> keep, String note) {
    return trainer.train(
        HeadData.examples(data.injection, keep),
        GuardHeadTraining.INJECTION,
        t -> injectionRules.scan(t).score(),
        note);
  }

  private EmbeddingHead trainToxicity(Predicate<HeadData.Item> keep, String note) {
    return trainer.train(
        HeadData.examples(data.toxicity, keep),
        GuardHeadTraining.TOXICITY,
        t -> toxicityRules.scan(t).score(),
        note);
  }

  void write(StringBuilder md) {
    md.append("## 1b. Model-backed input guards: cross-source\n\n")
        .append("Logistic-regression heads over the message's all-MiniLM-L6-v2 embedding (the")
        .append(" vector the router computes once per turn; a message over 80 tokens is embedded")
        .append(" from its first 48 and last 32, as the service does, training texts included;")
        .append(" the injection head also takes the injection rules' score as one more feature,")
        .append(" so its score combines both signals), trained by `bin/train-guards`")
        .append(" (`HeadTrainer`: L-BFGS, L2 ")
        .append(HeadTrainer.L2)
        .append(", positives repeated to weigh ")
        .append((int) (100 * HeadTrainer.POSITIVE_SHARE))
        .append(" %; two thresholds from 2-fold out-of-fold scores, the folds splitting")
        .append(" customer questions by source, so the budget holds on wording from a source not")
        .append(" trained on: the head's own, the lowest whose false alarms on the training")
        .append(" sources' customer questions stay ≤ ")
        .append(budget(GuardHeadTraining.INJECTION, HeadTrainer.SOLO_SHARE))
        .append(" for injection, ")
        .append(budget(GuardHeadTraining.TOXICITY, HeadTrainer.SOLO_SHARE))
        .append(" for toxicity, pooled and in every source of 1,000 or")
        .append(" more, and a lower one for messages where the same guard's rules scored ≥ 0.2 (a")
        .append(" weak cue), the lowest keeping the pair within ")
        .append(budget(GuardHeadTraining.INJECTION, 1))
        .append(" (injection; three quarters of the 0.2 % target) or ")
        .append(budget(GuardHeadTraining.TOXICITY, 1))
        .append(
            " (toxicity); for toxicity the best out-of-fold F1 within those budgets). Our own texts (`guard/authored`: attacks")
        .append(" from the known families, customer wording, abuse, angry-but-civil messages) are")
        .append(" in every training set and no test set; a second batch of them (hijacks of a")
        .append(
            " guarded secret, padded prompts, extraction by reformatting, modes that suspend the")
        .append(
            " rules, notes to the model inside pasted text, abuse in comment-thread registers and")
        .append(" about groups, civil text about groups and violence) was written after this")
        .append(" table's earlier figures were known, from the families, with no evaluation text")
        .append(" open. The false-alarm budget was raised from 0.1 % to 0.15 % at the same time,")
        .append(" looking at this table's counts, so these figures are not blind to that choice.")
        .append(" Every head below is **retrained for its")
        .append(" row** without the texts it is tested on; nothing tested chose a weight or a")
        .append(" threshold. Sampled sets (a fixed hash share, to keep embedding within minutes):")
        .append(" banking77 1 in ")
        .append(HeadData.CUSTOMER_SAMPLE)
        .append(", CLINC150 in-scope 1 in ")
        .append(HeadData.CUSTOMER_SAMPLE + 1)
        .append(", Davidson 1 in ")
        .append(HeadData.TWEET_SAMPLE)
        .append(". The rules column is the rule detector alone at its threshold; its rules")
        .append(" were written looking at the DEV halves of giskard, valid.json and BIPIA train")
        .append(" (section 1), so *its* figures on those sources are not cross-source; the head")
        .append(" column is.\n\n");

    writeInjectionCrossSource(md);

    md.append("### Injection, hash halves (train on DEV halves of every source, test HELD-OUT)\n\n")
        .append("| HELD-OUT half of | texts | rules | head | rules OR head |\n")
        .append("|---|---|---|---|---|\n");
    List<String> groups = new ArrayList<>(ATTACK_GROUPS);
    groups.addAll(BENIGN_GROUPS);
    EmbeddingHead half =
        trainInjection(
            i ->
                (i.group().equals(HeadData.AUTHORED) || Split.of(i.example().text()) == Split.DEV)
                    && !i.group().equals("bipia-test"),
            "DEV halves");
    for (String g : groups) {
      List<HeadData.Item> tested =
          data.injection.stream()
              .filter(i -> group(i).equals(g) && Split.of(i.example().text()) == Split.HELD_OUT)
              .filter(i -> !ATTACK_GROUPS.contains(g) || i.example().positive())
              .toList();
      Counts c = injection(half, tested);
      row(md, g, c);
    }
    md.append("\n");

    writeToxicity(md);
  }

  /**
   * Injection, leave one source out: the headline table (also run alone by {@link InjectionLoop}).
   */
  void writeInjectionCrossSource(StringBuilder md) {
    md.append("### Injection, leave one source out (train without it, test on it)\n\n")
        .append("| left out = tested | texts | rules | head | rules OR head |\n")
        .append("|---|---|---|---|---|\n");
    Map<String, Counts> loso = new LinkedHashMap<>();
    List<String> groups = new ArrayList<>(ATTACK_GROUPS);
    groups.addAll(BENIGN_GROUPS);
    for (String g : groups) {
      List<HeadData.Item> tested = data.injection.stream().filter(i -> group(i).equals(g)).toList();
      if (tested.isEmpty()) {
        md.append("| ").append(g).append(" | 0 (set missing: skipped) | – | – | – |\n");
        continue;
      }
      // BIPIA's test split is never trained on, as in the shipped head
      EmbeddingHead head =
          trainInjection(
              i -> !group(i).equals(g) && !i.group().equals("bipia-test"), "without " + g);
      List<HeadData.Item> scored =
          ATTACK_GROUPS.contains(g)
              ? tested.stream().filter(i -> i.example().positive()).toList()
              : tested;
      Counts c = injection(head, scored);
      loso.put(g, c);
      md.append("| ")
          .append(g)
          .append(ATTACK_GROUPS.contains(g) ? " (attacks: recall)" : " (benign: false alarms)")
          .append(String.format(Locale.ROOT, " | %d | ", c.n))
          .append(c.cells())
          .append(" (")
          .append(thresholds(head))
          .append(") |\n");
      if (ATTACK_GROUPS.contains(g)) {
        crossAttacks.addAll(c);
      } else if (g.equals("banking77") || g.equals("clinc150")) {
        crossCustomers.addAll(c);
      }
    }
    md.append("| **attacks pooled (giskard + BIPIA + valid.json), recall** | ")
        .append(crossAttacks.n)
        .append(" | ")
        .append(crossAttacks.cells())
        .append(" |\n| **customer questions pooled (banking77 + CLINC150), false alarms** | ")
        .append(crossCustomers.n)
        .append(" | ")
        .append(crossCustomers.cells())
        .append(" |\n\n");
  }

  private void writeToxicity(StringBuilder md) {
    md.append("### Toxicity\n\n")
        .append("The shared data has one toxic source (Davidson tweets), so there is no")
        .append(" cross-source toxic test: the head is trained without Davidson fold 0 (the")
        .append(" rule model's held-out fold) and tested on it; customer questions are left out")
        .append(" source by source as above. *rules OR head* is the service's verdict: a message")
        .append(" only the word model flags, below ")
        .append(toxicity.wordsAlone())
        .append(" and with no abuse pattern, blocks only when the head scores it ")
        .append(toxicity.headConfirms())
        .append(
            " or more (`frontdesk.guards.toxicity.words-alone` / `head-confirms`; the word model")
        .append(
            " learnt from tweets, whose words mislead on other text; chosen on fold 0, our check")
        .append(" set and our civil texts, so not blind).\n\n")
        .append("| Davidson fold 0 (held out) | precision | recall | F1 |\n|---|---|---|---|\n");
    EmbeddingHead head =
        trainToxicity(
            i -> !(i.group().equals("davidson") && Split.fold(i.example().text()) == 0),
            "without Davidson fold 0");
    ToxicConfusions fold0 = new ToxicConfusions();
    for (HeadData.Item i : data.toxicity) {
      if (!i.group().equals("davidson") || Split.fold(i.example().text()) != 0) {
        continue;
      }
      fold0.add(toxic(head, i.example().text()), i.example().positive());
    }
    toxicityRulesHeld = fold0.rules();
    toxicityHeadHeld = fold0.head();
    toxicityCombinedHeld = fold0.service();
    md.append("| rules (word model + abuse patterns) | ")
        .append(toxicityRulesHeld.cells())
        .append(" |\n| head | ")
        .append(toxicityHeadHeld.cells())
        .append(" (")
        .append(thresholds(head))
        .append(")")
        .append(" |\n| rules OR head | ")
        .append(toxicityCombinedHeld.cells())
        .append(
            " |\n\n| left out = tested (false alarms) | texts | rules | head | rules OR head |\n")
        .append("|---|---|---|---|---|\n");
    for (String g : List.of("banking77", "clinc150", "NotInject")) {
      List<HeadData.Item> tested = data.toxicity.stream().filter(i -> i.group().equals(g)).toList();
      if (tested.isEmpty()) {
        continue;
      }
      EmbeddingHead without = trainToxicity(i -> !i.group().equals(g), "without " + g);
      Counts c = new Counts();
      for (HeadData.Item i : tested) {
        Toxic v = toxic(without, i.example().text());
        c.add(v.rules(), v.head(), v.service());
      }
      if (!g.equals("NotInject")) {
        toxicityCrossCustomers.addAll(c);
      }
      row(md, g, c);
    }
    md.append("\n");
    writeToxicityWithoutDavidson(md);
    writeToxicityCheck(md);
  }

  /**
   * The one cross-source toxic figure the shared data allows: the head trained with no tweet at all
   * (our own abuse and civil texts, customer questions, NotInject) and tested on Davidson fold 0.
   * The rule model learnt its words from Davidson folds 1-4, so only the head's column is
   * cross-source.
   */
  void writeToxicityWithoutDavidson(StringBuilder md) {
    List<HeadData.Item> tested =
        data.toxicity.stream()
            .filter(i -> i.group().equals("davidson") && Split.fold(i.example().text()) == 0)
            .toList();
    if (tested.isEmpty()) {
      md.append("Davidson missing: the head trained without tweets is not measured.\n\n");
      return;
    }
    EmbeddingHead head = trainToxicity(i -> !i.group().equals("davidson"), "without Davidson");
    ToxicConfusions fold0 = new ToxicConfusions();
    int[] a = new int[3];
    for (HeadData.Item i : tested) {
      Toxic v = toxic(head, i.example().text());
      fold0.add(v, i.example().positive());
      boolean abuse =
          ToxicityDetector.abuse(toxicityRules.scan(i.example().text())) >= toxicityThreshold;
      tally(a, abuse || v.head(), i.example().positive());
    }
    toxicityHeadWithoutDavidson = fold0.head();
    toxicityWithoutTweets = new Confusion(a[0], a[1], a[2]);
    md.append("**Cross-source: the head trained without any tweet**, tested on Davidson fold 0 (")
        .append(tested.size())
        .append(" sampled tweets). Its toxic examples are only our own texts (`guard/authored/")
        .append("toxic.txt`), so this is the transfer from another source the shared data can")
        .append(" show; the rules' word model was trained on Davidson folds 1-4, so their column")
        .append(" is not cross-source.\n\n")
        .append("| Davidson fold 0, head trained without Davidson | precision | recall | F1 |\n")
        .append("|---|---|---|---|\n| head | ")
        .append(toxicityHeadWithoutDavidson.cells())
        .append(" (")
        .append(thresholds(head))
        .append(") |\n| abuse patterns OR head (neither trained on tweets; the patterns were")
        .append(" written from the abuse families, not from tweets, but by people who had seen")
        .append(" Davidson samples, so not strictly blind) | ")
        .append(toxicityWithoutTweets.cells())
        .append(" |\n| rules OR head (rules not cross-source) | ")
        .append(fold0.service().cells())
        .append(" |\n\n");
  }

  /** One table row: the group, its size and its counts' cells. */
  private static void row(StringBuilder md, String group, Counts c) {
    md.append("| ")
        .append(group)
        .append(String.format(Locale.ROOT, " | %d | ", c.n))
        .append(c.cells())
        .append(" |\n");
  }

  /** The sets and their vectors the section scores. */
  HeadData data() {
    return data;
  }

  private static String budget(HeadTrainer.Calibration calibration, double share) {
    return String.format(
        Locale.ROOT, "%.3f %%", 100 * calibration.maxCustomerFalseAlarms() * share);
  }

  static String thresholds(EmbeddingHead head) {
    return String.format(
        Locale.ROOT,
        "threshold %.3f, %.3f with a rule cue ≥ %.1f",
        head.threshold(),
        head.assistedThreshold(),
        head.ruleFloor());
  }

  /** Our own out-of-domain check set: never trained on, but not independent either. */
  void writeToxicityCheck(StringBuilder md) {
    if (data.toxicityCheck.isEmpty()) {
      return;
    }
    EmbeddingHead head = trainToxicity(i -> true, "as shipped");
    ToxicConfusions check = new ToxicConfusions();
    int negatives = 0, fpEither = 0;
    for (EvalData.Example x : data.toxicityCheck) {
      Toxic v = toxic(head, x.text());
      check.add(v, x.positive());
      if (!x.positive()) {
        negatives++;
        fpEither += v.service() ? 1 : 0;
      }
    }
    toxicityCheckCombined = check.service();
    md.append("**Out-of-domain check set — hand-authored by us, NOT independent.** ")
        .append(data.toxicityCheck.size())
        .append(" chat messages to a support agent (`src/bench/resources/guard/check/")
        .append("toxicity-check.tsv`): abuse, insults, threats and profanity without slurs, and")
        .append(" angry but civil customers who must pass. Written by the team before the toxicity")
        .append(" guard was tuned and never trained on, but by the same people who wrote the rules")
        .append(" and the extra training texts, so it over-estimates what an independent set (")
        .append("civil comments, chat toxicity) would show. Head as shipped (trained on everything")
        .append(" else).\n\n")
        .append("| check set (ours) | precision | recall | F1 |\n|---|---|---|---|\n")
        .append("| rules (word model + abuse patterns) | ")
        .append(check.rules().cells())
        .append(" |\n| head | ")
        .append(check.head().cells())
        .append(" |\n| rules OR head | ")
        .append(toxicityCheckCombined.cells())
        .append(" |\n\nAngry-but-civil messages flagged by rules OR head: ")
        .append(Tally.pct(fpEither, negatives))
        .append(".\n\n");
    Counts civil = new Counts();
    for (EvalData.Example x : data.civilCheck) {
      Toxic v = toxic(head, x.text());
      civil.add(v.rules(), v.head(), v.service());
    }
    md.append("Civil text in other registers (`guard/check/toxicity-civil.txt`: news, forums,")
        .append(" history, mild swearing at things; ours, never trained on, not independent; with")
        .append(
            " the fold-0 and check-set figures it chose the word model's confirmation), flagged:")
        .append(" rules alone | head | the service (rules confirmed, OR head): ")
        .append(civil.cells())
        .append(".\n\n");
  }

  /**
   * One message's toxicity verdicts: the rules alone at their threshold, the head alone, and the
   * service's (rules OR head, where a word-model-only verdict below {@code wordsAlone} needs the
   * head to confirm it: {@link ToxicityDetector#rulesBlock}).
   */
  record Toxic(boolean rules, boolean head, boolean service) {}

  Toxic toxic(EmbeddingHead head, String text) {
    Detection d = toxicityRules.scan(text);
    double p = head.score(data.vectors.get(text), d.score());
    boolean model = head.triggers(p, d.score());
    boolean rules =
        ToxicityDetector.rulesBlock(
            d, toxicityThreshold, toxicity.wordsAlone(), p, toxicity.headConfirms());
    return new Toxic(d.score() >= toxicityThreshold, model, rules || model);
  }

  /** The confusions of the rules alone, the head alone and the service's verdict over one set. */
  private static final class ToxicConfusions {
    private final int[] rules = new int[3];
    private final int[] head = new int[3];
    private final int[] service = new int[3];

    void add(Toxic v, boolean positive) {
      tally(rules, v.rules(), positive);
      tally(head, v.head(), positive);
      tally(service, v.service(), positive);
    }

    Confusion rules() {
      return new Confusion(rules[0], rules[1], rules[2]);
    }

    Confusion head() {
      return new Confusion(head[0], head[1], head[2]);
    }

    Confusion service() {
      return new Confusion(service[0], service[1], service[2]);
    }
  }

  private static void tally(int[] c, boolean hit, boolean positive) {
    if (hit && positive) {
      c[0]++;
    } else if (hit) {
      c[1]++;
    } else if (positive) {
      c[2]++;
    }
  }
}
