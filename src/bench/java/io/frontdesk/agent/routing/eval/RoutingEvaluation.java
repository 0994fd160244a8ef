package io.frontdesk.agent.routing.eval;

import static io.frontdesk.agent.routing.eval.Report.f3;

import io.frontdesk.agent.routing.RouterConfig;
import io.frontdesk.agent.routing.RouterModel;
import io.frontdesk.embedding.InProcessEmbedder;
import io.frontdesk.guard.eval.Machine;
import io.frontdesk.knowledge.SearchConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.source.yaml.YamlConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline model's evaluation: routing (demo routes held out, BANKING77, CLINC150 with out of
 * scope, requests for a person), retrieval (StackFAQ, the demo help centre) and latency, with the
 * settings of application.yaml. Writes reports/routing-evaluation.md; run by bin/evaluate-routing.
 * Arguments: data folder, report file, the command line to name, the vector cache folder (vectors
 * are keyed by a hash of each text, so folders never mix). Trains nothing on the folder but the
 * rows marked as a cross-validation of the method; a missing set is "not measured: ... missing".
 */
public final class RoutingEvaluation {

  private RoutingEvaluation() {}

  public static void main(String[] args) throws Exception {
    Path evalDir = Path.of(args.length > 0 ? args[0] : "../shared/eval");
    Path output = Path.of(args.length > 1 ? args[1] : "reports/routing-evaluation.md");
    String command = args.length > 2 ? args[2] : "bin/evaluate-routing";
    Path cache = Path.of(args.length > 3 ? args[3] : "target/eval-cache");
    long started = System.nanoTime();
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(
                new YamlConfigSource(
                    RoutingEvaluation.class.getClassLoader().getResource("application.yaml")))
            .withMapping(RouterConfig.class)
            .withMapping(SearchConfig.class)
            .build();
    RouterConfig router = config.getConfigMapping(RouterConfig.class);
    SearchConfig search = config.getConfigMapping(SearchConfig.class);

    InProcessEmbedder model = InProcessEmbedder.load();
    CachedEmbedder embedder = new CachedEmbedder(model, cache);
    EvalSets sets = new EvalSets(evalDir);
    StringBuilder body = new StringBuilder();

    DemoRouteSection demo =
        new DemoRouteSection(
            embedder, router.l2(), router.confidenceThreshold(), router.outOfScopeAt());
    demo.write(body);
    embedder.save();
    if (command.endsWith("--routes-only")) {
      // a quick check for whoever edits routing/examples.txt: the demo routes alone
      Files.createDirectories(output.toAbsolutePath().getParent());
      Files.writeString(output, body.toString());
      System.out.println("wrote " + output);
      return;
    }
    RouterModel shipped =
        Classification.train(
                Classification.samples(
                    io.frontdesk.agent.routing.Router.asRead(
                            io.frontdesk.agent.routing.Router.shipped())
                        .stream()
                        .map(e -> new Labelled(e.text(), e.label()))
                        .toList(),
                    embedder),
                router.l2())
            .withThreshold(router.confidenceThreshold())
            .withOutOfScopeAt(router.outOfScopeAt());
    IntentSection intents = new IntentSection(sets, embedder, router.l2(), shipped);
    intents.write(body);
    embedder.save();
    RetrievalSection.Weights configured =
        new RetrievalSection.Weights(
            "configured %s : %s".formatted(search.denseWeight(), search.fullTextWeight()),
            search.denseWeight(),
            search.fullTextWeight());
    LatencySection latency;
    try (RetrievalSection retrieval =
        new RetrievalSection(embedder, search.minSimilarity(), search.rrfK())) {
      retrieval.write(body, sets, configured);
      LongMessageSection longMessages = new LongMessageSection(retrieval, embedder, search);
      longMessages.write(body, sets);
      embedder.save();
      retrieval.chosen = configured;
      List<String> messages = new ArrayList<>(DemoRouteSection.texts());
      DemoRouteSection.humanSet().forEach(l -> messages.add(l.text()));
      latency = new LatencySection(model, shipped, retrieval);
      latency.write(body, messages);
      embedder.save();

      StringBuilder md = new StringBuilder();
      md.append("# Offline model: routing and retrieval evaluation\n\n")
          .append(
              "Generated %s by `%s` in %d s on %s. Data: `%s` (public sets, read in place).\n\n"
                  .formatted(
                      LocalDate.now(),
                      command,
                      (System.nanoTime() - started) / 1_000_000_000,
                      Machine.describe(),
                      evalDir))
          .append(
              "Settings from `application.yaml`: router l2 %s, confidence threshold %s, out of scope at %s; search weights dense %s / full-text %s, rrf k %d, min similarity %s. Embedding model: %s.\n\n"
                  .formatted(
                      router.l2(),
                      router.confidenceThreshold(),
                      router.outOfScopeAt(),
                      search.denseWeight(),
                      search.fullTextWeight(),
                      search.rrfK(),
                      search.minSimilarity(),
                      model.modelId()));
      for (String note : sets.skipped()) {
        md.append("- **").append(note).append("**\n");
      }
      if (!sets.skipped().isEmpty()) {
        md.append("\n");
      }
      md.append(
              "## Summary (held-out figures only)\n\n| measure | target | measured |\n|---|---|---|\n")
          .append(
              summary(
                  "method: accuracy, 5-fold CV on `%s`".formatted(EvalSets.BANKING77),
                  "≥ 0.90",
                  intents.banking,
                  0.90))
          .append(
              summary(
                  "method: in-scope accuracy, `%s` train → val".formatted(EvalSets.CLINC150),
                  "≥ 0.90",
                  intents.clincInScope,
                  0.90))
          .append(
              summary(
                  "method: out-of-scope recall, `%s` train → oos_val".formatted(EvalSets.CLINC150),
                  "≥ 0.85",
                  intents.oosRecall,
                  0.85))
          .append(
              summary(
                  "method: out-of-scope precision, `%s` val + oos_val".formatted(EvalSets.CLINC150),
                  "–",
                  intents.oosPrecision,
                  0))
          .append(
              summary(
                  "shipped router: out of scope on `%s` oos_val".formatted(EvalSets.CLINC150),
                  "–",
                  intents.shippedOosRecall,
                  0))
          .append(
              summary("demo routes, held-out route accuracy", "–", demo.heldOutRouteAccuracy, 0))
          .append(
              summary(
                  "demo routes, held-out route/action accuracy", "–", demo.heldOutLabelAccuracy, 0))
          .append(summary("requests for a person: precision", "–", demo.humanPrecision, 0))
          .append(summary("requests for a person: recall", "–", demo.humanRecall, 0))
          .append(
              summary(
                  "hybrid recall@5 (configured weights), `%s`".formatted(EvalSets.STACKFAQ_QUERIES),
                  "≥ 0.95",
                  retrieval.stackFaqHybridRecall5,
                  0.95))
          .append(
              summary(
                  "long messages hit@5, shipped, held-out half",
                  "–",
                  longMessages.heldOutShippedHit5,
                  0))
          .append(
              summary(
                  "long messages hit@5, shipped, held-out half of the set derived by us from `%s`"
                      .formatted(EvalSets.STACKFAQ_QUERIES),
                  "–",
                  longMessages.chattyHeldOutShippedHit5,
                  0))
          .append(
              "| embed + route p99 | ≤ 10 ms | %s ms%s |\n\n"
                  .formatted(
                      Report.f1(latency.embedAndRoute.p99Micros() / 1000),
                      latency.embedAndRoute.p99Micros() / 1000 <= 10 ? "" : " — **missed**"))
          .append(body);
      Files.createDirectories(output.toAbsolutePath().getParent());
      Files.writeString(output, md.toString());
    }
    System.out.println("wrote " + output);
  }

  private static String summary(String name, String target, Double value, double threshold) {
    if (value == null) {
      return "| %s | %s | not measured: set missing |\n".formatted(name, target);
    }
    String verdict = threshold > 0 && value < threshold ? " — **missed**" : "";
    return "| %s | %s | %s%s |\n".formatted(name, target, f3(value), verdict);
  }
}
