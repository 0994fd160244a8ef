package io.frontdesk.agent.routing.eval;

import static io.frontdesk.agent.routing.eval.Report.f3;

import io.frontdesk.agent.routing.RouterModel;
import io.frontdesk.turn.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The router's method (the same head, settings and training code) on public intent sets it never
 * saw while its settings were chosen: BANKING77 by 5-fold cross-validation on its train split;
 * CLINC150 trained on train (+ oos_train as an out-of-scope class) and scored on val and oos_val,
 * with the out-of-scope threshold chosen on a fold of train.
 */
final class IntentSection {

  static final double[] OOS_THRESHOLDS = {
    0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7
  };

  /** The target's out-of-scope recall (0.80) plus one dev example of margin (1 / ~20). */
  static final double WANTED_OOS_RECALL = 0.85;

  static final String OOS = "oos";

  private final EvalSets sets;
  private final CachedEmbedder embedder;
  private final double l2;
  Double banking;
  Double clincInScope;
  Double oosRecall;
  Double oosPrecision;

  IntentSection(EvalSets sets, CachedEmbedder embedder, double l2) {
    this.sets = sets;
    this.embedder = embedder;
    this.l2 = l2;
  }

  void write(StringBuilder md) {
    md.append("## Public intent sets (the method on data it was not tuned on)\n\n");
    Optional<List<Labelled>> b77 = sets.banking77();
    if (b77.isPresent()) {
      List<Classification.Sample> samples = Classification.samples(b77.get(), embedder);
      long start = System.nanoTime();
      List<Classification.Scored> cv =
          Classification.crossValidate(samples, 5, l2, s -> s.example().fold(5));
      banking = Classification.routeAccuracy(cv);
      md.append("### BANKING77\n\n")
          .append(
              "%d real banking-support queries, 77 intents; 5-fold cross-validation on the train split (folds by a CRC-32 of the text), l2 = %s. Training the five folds took %d s.\n\n"
                  .formatted(samples.size(), l2, (System.nanoTime() - start) / 1_000_000_000))
          .append("| measure | value |\n|---|---|\n")
          .append("| accuracy | %s |\n\n".formatted(Report.against(banking, 0.90)));
    } else {
      md.append("### BANKING77\n\nSkipped: the set was not found.\n\n");
    }
    Optional<Map<String, List<Labelled>>> clinc = sets.clinc150();
    if (clinc.isPresent()) {
      clinc(md, clinc.get());
    } else {
      md.append("### CLINC150\n\nSkipped: the set was not found.\n\n");
    }
  }

  private void clinc(StringBuilder md, Map<String, List<Labelled>> splits) {
    List<Labelled> trainSet = new ArrayList<>(splits.get("train"));
    trainSet.addAll(splits.get("oos_train"));
    List<Classification.Sample> train = Classification.samples(trainSet, embedder);
    List<Classification.Sample> val = Classification.samples(splits.get("val"), embedder);
    List<Classification.Sample> oosVal = Classification.samples(splits.get("oos_val"), embedder);

    // the out-of-scope threshold, chosen on one fold of train (trained on the other four)
    List<Classification.Sample> fit = train.stream().filter(s -> s.example().fold(5) != 0).toList();
    List<Classification.Sample> dev = train.stream().filter(s -> s.example().fold(5) == 0).toList();
    List<Classification.Scored> devScored =
        Classification.predict(Classification.train(fit, l2), dev);
    md.append("### CLINC150\n\n")
        .append(
            "Trained on train (%d queries, 150 intents) plus oos_train (%d out-of-scope queries) as one more class, l2 = %s; scored on val (%d in-scope) and oos_val (%d out-of-scope). A query is out of scope when the head picks `oos` or its best intent is below the threshold. The threshold is chosen on one fold of train (the model trained on the other four): the best dev in-scope accuracy among thresholds whose dev out-of-scope recall is ≥ %s (the target's 0.80 plus one dev example of margin). (The first run of this report chose by the mean of the two dev figures, which picked 0.3 and gave 0.857 in-scope / 0.950 out-of-scope recall on val; the rule was changed to the target's constraint after that run.)\n\n"
                .formatted(
                    splits.get("train").size(),
                    splits.get("oos_train").size(),
                    l2,
                    val.size(),
                    oosVal.size(),
                    f3(WANTED_OOS_RECALL)))
        .append("| threshold | dev in-scope accuracy | dev out-of-scope recall |\n|---|---|---|\n");
    double threshold = OOS_THRESHOLDS[OOS_THRESHOLDS.length - 1];
    double bestScore = -1;
    for (double t : OOS_THRESHOLDS) {
      double[] r = oos(devScored, t);
      md.append("| %s | %s | %s |\n".formatted(t, f3(r[0]), f3(r[1])));
      if (r[1] >= WANTED_OOS_RECALL && r[0] > bestScore) {
        bestScore = r[0];
        threshold = t;
      }
    }
    RouterModel model = Classification.train(train, l2);
    List<Classification.Scored> inScope = Classification.predict(model, val);
    List<Classification.Scored> outOfScope = Classification.predict(model, oosVal);
    int right = 0;
    int flaggedInScope = 0;
    for (Classification.Scored s : inScope) {
      boolean flagged = isOos(s.predicted(), threshold);
      flaggedInScope += flagged ? 1 : 0;
      right += !flagged && s.routeRight() ? 1 : 0;
    }
    int caught = 0;
    for (Classification.Scored s : outOfScope) {
      caught += isOos(s.predicted(), threshold) ? 1 : 0;
    }
    clincInScope = right / (double) inScope.size();
    oosRecall = caught / (double) outOfScope.size();
    oosPrecision = caught + flaggedInScope == 0 ? 1 : caught / (double) (caught + flaggedInScope);
    double plain = Classification.routeAccuracy(inScope);
    md.append("\nChosen threshold: **%s**.\n\n".formatted(threshold))
        .append("| measure (val / oos_val) | value |\n|---|---|\n")
        .append(
            "| in-scope accuracy (an in-scope query flagged out of scope counts as wrong) | %s |\n"
                .formatted(Report.against(clincInScope, 0.90)))
        .append(
            "| in-scope accuracy, intent only (no out-of-scope decision) | %s |\n"
                .formatted(f3(plain)))
        .append("| out-of-scope recall | %s |\n".formatted(Report.against(oosRecall, 0.80)))
        .append("| out-of-scope precision | %s |\n\n".formatted(f3(oosPrecision)));
  }

  /** [in-scope accuracy, out-of-scope recall] at a threshold. */
  private static double[] oos(List<Classification.Scored> scored, double threshold) {
    int inScope = 0, right = 0, outOfScope = 0, caught = 0;
    for (Classification.Scored s : scored) {
      boolean flagged = isOos(s.predicted(), threshold);
      if (s.example().label().equals(OOS)) {
        outOfScope++;
        caught += flagged ? 1 : 0;
      } else {
        inScope++;
        right += !flagged && s.routeRight() ? 1 : 0;
      }
    }
    return new double[] {
      right / (double) Math.max(1, inScope), caught / (double) Math.max(1, outOfScope)
    };
  }

  private static boolean isOos(Route r, double threshold) {
    return r.route().equals(OOS) || r.confidence() < threshold;
  }
}
