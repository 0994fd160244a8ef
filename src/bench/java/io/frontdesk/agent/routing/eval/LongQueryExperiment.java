package io.frontdesk.agent.routing.eval;

import static io.frontdesk.agent.routing.eval.Report.f3;

import io.frontdesk.embedding.InProcessEmbedder;
import io.frontdesk.knowledge.Fusion;
import io.frontdesk.knowledge.QueryVectors;
import io.frontdesk.knowledge.SearchConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Candidate long-query methods on the TUNING halves only (the Skyline long messages and the derived
 * chatty set, each also with a dense side lost in the context): one row per candidate. Kept as the
 * record of how the shipped long-query setting was chosen; run with the tooling classpath: {@code
 * [eval dir]}.
 */
public final class LongQueryExperiment {

  private record Set(
      String name,
      RetrievalSection.Corpus corpus,
      List<LongMessages.Message> messages,
      Map<String, QueryVectors> vectors) {}

  private LongQueryExperiment() {}

  public static void main(String[] args) throws Exception {
    EvalSets sets = new EvalSets(Path.of(args.length > 0 ? args[0] : "../shared/eval"));
    SearchConfig config = LongMessageSection.config();
    CachedEmbedder embedder =
        new CachedEmbedder(InProcessEmbedder.load(), Path.of("target/eval-cache"));
    try (RetrievalSection retrieval =
        new RetrievalSection(embedder, config.minSimilarity(), config.rrfK())) {
      LongRankings rankings = new LongRankings(retrieval, embedder, config);
      List<LongMessages.Message> skyline =
          LongMessages.shipped().stream().filter(LongMessages.Message::tuning).toList();
      RetrievalSection.Corpus demo = retrieval.demoCorpus();
      ChattySection.Prepared chatty = ChattySection.prepare(sets, retrieval).orElseThrow();
      List<LongMessages.Message> chattyTuning = ChattySection.halves(sets, chatty.all()).get(true);
      List<Set> all =
          List.of(
              new Set("skyline", demo, skyline, rankings.vectors(skyline)),
              new Set("skyline blind", demo, skyline, rankings.blind(skyline)),
              new Set("chatty", chatty.corpus(), chattyTuning, rankings.vectors(chattyTuning)),
              new Set("chatty blind", chatty.corpus(), chattyTuning, rankings.blind(chattyTuning)));
      embedder.save();
      List<String> names = new ArrayList<>();
      List<Fusion> candidates = new ArrayList<>();
      names.add("keyword");
      candidates.add(new Fusion(0, 1, 0));
      names.add("dense");
      candidates.add(new Fusion(1, 0, config.minSimilarity()));
      names.add("words-led 0.25:1");
      candidates.add(new Fusion(0.25, 1, 0));
      names.add("whole 1:1");
      candidates.add(new Fusion(1, 1, 0));
      for (double tau : new double[] {0, 0.5, 0.55, 0.6, 0.65, 0.7}) {
        for (double[] w : new double[][] {{1, 0.5, 0}, {1, 1, 0}, {1, 0.5, 0.5}, {1, 0, 0}}) {
          names.add("focus>=%s dense %s words %s whole %s".formatted(tau, w[0], w[1], w[2]));
          candidates.add(new Fusion(0.25, 1, 0, new Fusion.Focus(0.05, tau, w[0], w[1], w[2])));
        }
      }
      for (int i = 0; i < candidates.size(); i++) {
        StringBuilder line = new StringBuilder("%-44s".formatted(names.get(i)));
        for (Set s : all) {
          Fusion f = candidates.get(i);
          LongMessages.Scores score =
              LongRankings.score(
                  s.corpus(),
                  s.messages(),
                  new LongRankings.Ranking(names.get(i), (c, t, v) -> rankings.fused(c, t, v, f)),
                  s.vectors());
          line.append(" | %s %s %s".formatted(s.name(), f3(score.hit5()), f3(score.mrr())));
        }
        System.out.println(line);
      }
    }
  }
}
