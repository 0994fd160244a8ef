package io.frontdesk.guard.eval;

import io.frontdesk.agent.routing.eval.CachedEmbedder;
import io.frontdesk.embedding.InProcessEmbedder;
import io.frontdesk.guard.GuardConfig;
import io.frontdesk.guard.InjectionDetector;
import io.frontdesk.guard.ToxicityDetector;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;

/**
 * The injection head's leave-one-source-out table alone, printed (counts only, never a text): the
 * quick loop while changing rules, authored texts or the trainer ({@code bin/evaluate-guards
 * --injection}), a minute on cached vectors instead of the full report's several; with {@code
 * --toxicity} the toxicity head's cross-source row and our check set instead.
 */
public final class InjectionLoop {

  private InjectionLoop() {}

  public static void main(String[] args) {
    GuardConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(GuardConfig.class)
            .build()
            .getConfigMapping(GuardConfig.class);
    EvalData data = new EvalData(Path.of(args.length > 0 ? args[0] : "../shared/eval"));
    boolean toxicity = args.length > 1 && args[1].equals("--toxicity");
    if (toxicity) {
      args = new String[] {args[0]};
    }
    // optional: another message window (head and tail tokens), to measure what the window costs
    InProcessEmbedder model =
        args.length > 2
            ? InProcessEmbedder.load(
                InProcessEmbedder.THREADS, Integer.parseInt(args[1]), Integer.parseInt(args[2]))
            : InProcessEmbedder.load();
    CachedEmbedder cached = new CachedEmbedder(model, Path.of("target/eval-cache"));
    HeadSection section =
        HeadSection.over(
            data, model, cached, config, new InjectionDetector(), new ToxicityDetector());
    StringBuilder md = new StringBuilder();
    if (toxicity) {
      section.writeToxicityWithoutDavidson(md);
      section.writeToxicityCheck(md);
    } else {
      section.writeInjectionCrossSource(md);
    }
    System.out.print(md);
    data.missing().forEach(f -> System.out.println("skipped, not found: " + f));
  }
}
