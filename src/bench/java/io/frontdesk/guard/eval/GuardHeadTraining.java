package io.frontdesk.guard.eval;

import io.frontdesk.agent.routing.eval.CachedEmbedder;
import io.frontdesk.embedding.InProcessEmbedder;
import io.frontdesk.guard.EmbeddingHead;
import io.frontdesk.guard.InjectionDetector;
import io.frontdesk.guard.ToxicityDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Trains the shipped model-backed input guards from {@code ../shared/eval} and writes them as
 * resources ({@code guard/injection-head.tsv}, {@code guard/toxicity-head.tsv}). Deterministic: the
 * same data gives the same weights. Run by {@code bin/train-guards}.
 */
public final class GuardHeadTraining {

  private GuardHeadTraining() {}

  /**
   * Injection: the rules' score is a feature of the head (one combined score); the lowest
   * thresholds whose out-of-fold false alarms on customers stay ≤ 0.15 % (three quarters of the
   * issue's 0.2 % target, the rest a margin for wording from elsewhere; half of it for the head
   * alone); the second stage applies from a rule score of 0.2 (one weak cue, such as a quoted "say
   * ...").
   */
  static final HeadTrainer.Calibration INJECTION =
      new HeadTrainer.Calibration(HeadData.CUSTOMER, 0.0015, false, 0.2, true);

  /**
   * Toxicity: the best out-of-fold F1 among thresholds with ≤ 0.1 % false alarms on customers; the
   * second stage from a rule score of 0.2.
   */
  static final HeadTrainer.Calibration TOXICITY =
      new HeadTrainer.Calibration(HeadData.CUSTOMER, 0.001, true, 0.2, false);

  public static void main(String[] args) throws IOException {
    Path evalDir = Path.of(args.length > 0 ? args[0] : "../shared/eval");
    Path resources = Path.of(args.length > 1 ? args[1] : "src/main/resources");
    EvalData data = new EvalData(evalDir);
    InProcessEmbedder model = InProcessEmbedder.load();
    CachedEmbedder embedder = new CachedEmbedder(model, Path.of("target/eval-cache"));
    HeadData heads = new HeadData(data, embedder, HeadData.asTheTurnReadsIt(model));
    embedder.save();
    data.missing().forEach(f -> System.out.println("skipped, not found: " + f));
    HeadTrainer trainer = new HeadTrainer(heads.vectors);
    InjectionDetector injectionRules = new InjectionDetector();
    ToxicityDetector toxicityRules = new ToxicityDetector();
    // BIPIA's test split stays out of the shipped head: it is the tool-output guard's test set
    EmbeddingHead injection =
        trainer.train(
            HeadData.examples(heads.injection, i -> !i.group().equals("bipia-test")),
            INJECTION,
            t -> injectionRules.scan(t).score(),
            "injection head over all-MiniLM-L6-v2 embeddings; attacks: giskard, BIPIA train,"
                + " injecguard valid.json; benign: NotInject, wildguard, valid.json, banking77,"
                + " CLINC150 in-scope, the router's examples, our own attacks and customer wording"
                + " (guard/authored)");
    EmbeddingHead toxicity =
        trainer.train(
            HeadData.examples(heads.toxicity, i -> true),
            TOXICITY,
            t -> toxicityRules.scan(t).score(),
            "toxicity head over all-MiniLM-L6-v2 embeddings; toxic: Davidson hate + offensive;"
                + " not: Davidson neither, NotInject, banking77, CLINC150 in-scope, the router's"
                + " examples; our own abuse and angry-but-civil messages (guard/authored)");
    write(resources.resolve(EmbeddingHead.INJECTION), injection);
    write(resources.resolve(EmbeddingHead.TOXICITY), toxicity);
  }

  private static void write(Path file, EmbeddingHead head) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, head.format(), StandardCharsets.UTF_8);
    System.out.printf("wrote %s (threshold %.3f)%n", file, head.threshold());
  }
}
