package io.frontdesk.guard.eval;

import io.frontdesk.agent.routing.eval.CachedEmbedder;
import io.frontdesk.embedding.InProcessEmbedder;
import io.frontdesk.guard.EmbeddingHead;
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

  /** Injection: the lowest threshold whose out-of-fold false alarms on customers stay ≤ 0.1 %. */
  static final HeadTrainer.Calibration INJECTION =
      new HeadTrainer.Calibration(HeadData.CUSTOMER, 0.001, false);

  /** Toxicity: the best out-of-fold F1 among thresholds with ≤ 0.1 % false alarms on customers. */
  static final HeadTrainer.Calibration TOXICITY =
      new HeadTrainer.Calibration(HeadData.CUSTOMER, 0.001, true);

  public static void main(String[] args) throws IOException {
    Path evalDir = Path.of(args.length > 0 ? args[0] : "../shared/eval");
    Path resources = Path.of(args.length > 1 ? args[1] : "src/main/resources");
    EvalData data = new EvalData(evalDir);
    CachedEmbedder embedder =
        new CachedEmbedder(InProcessEmbedder.load(), Path.of("target/eval-cache"));
    HeadData heads = new HeadData(data, embedder);
    embedder.save();
    data.missing().forEach(f -> System.out.println("skipped, not found: " + f));
    HeadTrainer trainer = new HeadTrainer(heads.vectors);
    // BIPIA's test split stays out of the shipped head: it is the tool-output guard's test set
    EmbeddingHead injection =
        trainer.train(
            HeadData.examples(heads.injection, i -> !i.group().equals("bipia-test")),
            INJECTION,
            "injection head over all-MiniLM-L6-v2 embeddings; attacks: giskard, BIPIA train,"
                + " injecguard valid.json; benign: NotInject, wildguard, valid.json, banking77,"
                + " CLINC150 in-scope, the router's examples");
    EmbeddingHead toxicity =
        trainer.train(
            HeadData.examples(heads.toxicity, i -> true),
            TOXICITY,
            "toxicity head over all-MiniLM-L6-v2 embeddings; toxic: Davidson hate + offensive;"
                + " not: Davidson neither, NotInject, banking77, CLINC150 in-scope, the router's"
                + " examples");
    write(resources.resolve(EmbeddingHead.INJECTION), injection);
    write(resources.resolve(EmbeddingHead.TOXICITY), toxicity);
  }

  private static void write(Path file, EmbeddingHead head) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, head.format(), StandardCharsets.UTF_8);
    System.out.printf("wrote %s (threshold %.3f)%n", file, head.threshold());
  }
}
