package io.frontdesk.agent.routing.eval;

import static io.frontdesk.agent.routing.eval.Report.f3;

import io.frontdesk.demo.DemoDocuments;
import io.frontdesk.knowledge.Fusion;
import io.frontdesk.knowledge.QueryVectors;
import io.frontdesk.knowledge.SearchConfig;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Retrieval of long customer messages (issue 27): keyword only, dense only, the fusion shipped
 * before the long-query rule and the shipped ranking ({@link Fusion#forQuery}), on the tuning and
 * the held-out halves of the long-message set, over the demo help centre and over it with the
 * StackFAQ threads as distractors; and StackFAQ's short queries, which the rule must not hurt.
 */
final class LongMessageSection {

  static final String FILE = "src/bench/resources/" + LongMessages.RESOURCE;
  private static final String STACKFAQ = "kb/stackfaq/derived_corpus.json";

  private final RetrievalSection retrieval;
  private final CachedEmbedder embedder;
  private final SearchConfig config;
  private final LongRankings rankings;

  /** Long-message hit@5 of the shipped ranking on the held-out half, for the summary. */
  Double heldOutShippedHit5;

  /** Held-out hit@5 of the shipped ranking on the derived chatty set, for the summary. */
  Double chattyHeldOutShippedHit5;

  /** StackFAQ recall@5 of the shipped ranking, for the summary. */
  Double stackFaqShippedRecall5;

  LongMessageSection(RetrievalSection retrieval, CachedEmbedder embedder, SearchConfig config) {
    this.retrieval = retrieval;
    this.embedder = embedder;
    this.config = config;
    this.rankings = new LongRankings(retrieval, embedder, config);
  }

  void write(StringBuilder md, EvalSets sets) throws SQLException {
    List<LongMessages.Message> all = LongMessages.shipped();
    List<LongMessages.Message> tuning = all.stream().filter(LongMessages.Message::tuning).toList();
    List<LongMessages.Message> heldOut = all.stream().filter(m -> !m.tuning()).toList();
    SearchConfig.LongQuery rule = config.longQuery();
    md.append("## Long customer messages (issue 27)\n\n")
        .append(
            "`%s`: %d hand-written multi-sentence Skyline customer messages (greetings, context, the question in the middle), each with its gold article or page; written before tuning. Split by a CRC-32 of the id: the long-query setting was chosen on the **tuning** half (%d); the **held-out** half (%d) was not looked at while choosing. hit@5: a gold id among the first 5; recall@5: the share of a message's gold ids there; MRR over the first %d; nothing: messages with no result at all.\n\n"
                .formatted(FILE, all.size(), tuning.size(), heldOut.size(), config.candidates()))
        .append(
            "Rankings: keyword only (the full-text query), dense only (min similarity %s), before (the fusion every query had before: dense %s / full-text %s, min similarity %s), words-led (the long-query rule: a query of ≥ %d words gets dense %s / full-text %s, min similarity %s), the focus candidate (`long-query.focus`, %s: a query of ≥ %d words has its sentences embedded one by one, those whose nearest passage is within %s of the best sentence's are kept, and when the best sentence's nearest passage is ≥ %s similar it is ranked by the kept sentences' dense %s / their words %s / the whole message's words %s; else the words-led fusion), shipped (`Fusion.forQuery` with `application.yaml`: the words-led rule, plus focus when it is on). The focus setting was chosen on the tuning halves of this set and of the derived set below, each also run dense-blind (`LongQueryExperiment`).\n\n"
                .formatted(
                    config.minSimilarity(),
                    config.denseWeight(),
                    config.fullTextWeight(),
                    config.minSimilarity(),
                    rule.words(),
                    rule.denseWeight(),
                    rule.fullTextWeight(),
                    rule.minSimilarity(),
                    rule.focus().enabled() ? "on" : "off, not shipped",
                    rule.words(),
                    rule.focus().delta(),
                    rule.focus().minSimilarity(),
                    rule.focus().denseWeight(),
                    rule.focus().fullTextWeight(),
                    rule.focus().wholeFullTextWeight()));
    List<LongRankings.Ranking> rankings = this.rankings.all();
    RetrievalSection.Corpus demo = retrieval.demo != null ? retrieval.demo : retrieval.demoCorpus();
    table(md, "demo help centre (%d documents)".formatted(documents(demo)), demo, all, rankings);
    RetrievalSection.Corpus distracted = null;
    if (Files.exists(sets.root().resolve(STACKFAQ))) {
      distracted = withDistractors(sets);
      table(
          md,
          "demo help centre + the %d StackFAQ threads of `%s` as distractors (%d documents)"
              .formatted(
                  documents(distracted) - documents(demo),
                  sets.root().resolve(STACKFAQ),
                  documents(distracted)),
          distracted,
          all,
          rankings);
    } else {
      md.append("Not measured: the distractor corpus (`%s` missing).\n\n".formatted(STACKFAQ));
    }
    stress(md, demo, all, rankings);
    heldOutShippedHit5 = score(demo, heldOut, rankings.getLast()).hit5();
    cost(md, demo, all, rankings);
    ChattySection chatty = new ChattySection(retrieval, this.rankings);
    chatty.write(md, sets);
    chattyHeldOutShippedHit5 = chatty.heldOutShippedHit5;
    stackFaq(md, sets, rankings);
  }

  /** StackFAQ's short queries: the length rule must not make them worse. */
  private void stackFaq(StringBuilder md, EvalSets sets, List<LongRankings.Ranking> rankings)
      throws SQLException {
    if (!Files.exists(sets.root().resolve(STACKFAQ))) {
      md.append("Not measured: StackFAQ (`%s` missing).\n\n".formatted(STACKFAQ));
      return;
    }
    List<String[]> rows = new ArrayList<>();
    sets.stackFaqCorpus()
        .orElseThrow()
        .forEach(d -> rows.add(new String[] {d.id(), d.question(), "faq", "", d.answers()}));
    RetrievalSection.Corpus faq = retrieval.corpus("eval_stackfaq_long", rows);
    List<LongMessages.Message> queries =
        sets.stackFaqQueries().orElseThrow().stream()
            .map(q -> new LongMessages.Message(q.text(), Set.of(q.gold()), q.text()))
            .toList();
    long longOnes =
        queries.stream()
            .filter(q -> q.text().strip().split("\\s+").length >= config.longQuery().words())
            .count();
    md.append(
            "### StackFAQ short queries (`%s`, %d queries, %d of them ≥ %d words)\n\n"
                .formatted(
                    sets.root().resolve("kb/stackfaq/derived_queries.jsonl"),
                    queries.size(),
                    longOnes,
                    config.longQuery().words()))
        .append("| ranking | recall@5 | MRR | nothing |\n|---|---|---|---|\n");
    for (LongRankings.Ranking r : rankings) {
      LongMessages.Scores s = score(faq, queries, r);
      md.append(
          "| %s | %s | %s | %d |\n".formatted(r.name(), f3(s.recall5()), f3(s.mrr()), s.nothing()));
      if (r == rankings.getLast()) {
        stackFaqShippedRecall5 = s.recall5();
      }
    }
    md.append("\n");
  }

  /** The search settings of application.yaml, as the service reads them. */
  static SearchConfig config() throws java.io.IOException {
    return new io.smallrye.config.SmallRyeConfigBuilder()
        .withSources(
            new io.smallrye.config.source.yaml.YamlConfigSource(
                LongMessageSection.class.getClassLoader().getResource("application.yaml")))
        .withMapping(SearchConfig.class)
        .build()
        .getConfigMapping(SearchConfig.class);
  }

  /** This section alone, into target/long-messages.md: {@code [eval dir]}. */
  public static void main(String[] args) throws Exception {
    SearchConfig search = config();
    CachedEmbedder embedder =
        new CachedEmbedder(
            io.frontdesk.embedding.InProcessEmbedder.load(),
            java.nio.file.Path.of("target/eval-cache"));
    StringBuilder md = new StringBuilder();
    try (RetrievalSection retrieval =
        new RetrievalSection(embedder, search.minSimilarity(), search.rrfK())) {
      new LongMessageSection(retrieval, embedder, search)
          .write(
              md,
              new EvalSets(java.nio.file.Path.of(args.length > 0 ? args[0] : "../shared/eval")));
    }
    embedder.save();
    Files.writeString(java.nio.file.Path.of("target/long-messages.md"), md.toString());
    System.out.println(md);
  }

  private void table(
      StringBuilder md,
      String corpusName,
      RetrievalSection.Corpus corpus,
      List<LongMessages.Message> all,
      List<LongRankings.Ranking> rankings)
      throws SQLException {
    md.append("### Over the %s\n\n".formatted(corpusName))
        .append(
            "| ranking | data | hit@5 | recall@5 | MRR | nothing |\n|---|---|---|---|---|---|\n");
    for (LongRankings.Ranking r : rankings) {
      for (boolean tuningHalf : new boolean[] {true, false}) {
        List<LongMessages.Message> half =
            all.stream().filter(m -> m.tuning() == tuningHalf).toList();
        LongMessages.Scores s = score(corpus, half, r);
        row(md, r.name(), "", tuningHalf, s);
      }
    }
    md.append("\n");
  }

  private LongMessages.Scores score(
      RetrievalSection.Corpus corpus, List<LongMessages.Message> messages, LongRankings.Ranking r) {
    return LongRankings.score(corpus, messages, r, rankings.vectors(messages));
  }

  /**
   * The failure, reproduced: the dense side reads only the message's context (its asking
   * sentences removed, {@link LongMessageTuning#noise}), so its one vector is lost in greetings and
   * stories; the words read the whole message.
   */
  private void stress(
      StringBuilder md,
      RetrievalSection.Corpus corpus,
      List<LongMessages.Message> all,
      List<LongRankings.Ranking> rankings)
      throws SQLException {
    md.append(
            "### Stress: a dense side lost in the context (demo help centre)\n\n"
                + "The dense side embeds the message without its asking sentences (`LongMessageTuning.noise`: those with a question mark or a request), as a vector of a long message lost in its greetings and story would be; the full text reads the whole message; the shipped focus embeds that text's sentences. This reproduces the issue's failure (fusion before < keyword only; dense only returns nothing for some).\n\n")
        .append(
            "| ranking | data | hit@5 | recall@5 | MRR | nothing |\n|---|---|---|---|---|---|\n");
    for (LongRankings.Ranking r : rankings) {
      for (boolean tuningHalf : new boolean[] {true, false}) {
        List<LongMessages.Message> half =
            all.stream().filter(m -> m.tuning() == tuningHalf).toList();
        LongMessages.Scores s = LongRankings.score(corpus, half, r, this.rankings.blind(half));
        row(md, r.name(), " (dense blind)", tuningHalf, s);
      }
    }
    md.append("\n");
  }

  /** One ranking's scores on one half of the set, the row naming the file it read. */
  private static void row(
      StringBuilder md, String ranking, String how, boolean tuningHalf, LongMessages.Scores s) {
    md.append(
        "| %s | `%s`%s, %s (%d) | %s | %s | %s | %d |\n"
            .formatted(
                ranking,
                FILE,
                how,
                tuningHalf ? "tuning half" : "**held-out half**",
                s.n(),
                f3(s.hit5()),
                f3(s.recall5()),
                f3(s.mrr()),
                s.nothing()));
  }

  /**
   * What the shipped ranking adds to a search: the ranking itself (vectors given), and apart from
   * it the embedding of a long message's sentences (focus) with the model, uncached.
   */
  private void cost(
      StringBuilder md,
      RetrievalSection.Corpus corpus,
      List<LongMessages.Message> all,
      List<LongRankings.Ranking> rankings)
      throws SQLException {
    Map<String, QueryVectors> vectors = this.rankings.vectors(all);
    double[] millis = new double[3];
    int[] measured = {2, rankings.size() - 2, rankings.size() - 1};
    for (int round = 0; round < 4; round++) {
      for (int which = 0; which < 3; which++) {
        LongRankings.Ranking r = rankings.get(measured[which]);
        long started = System.nanoTime();
        for (LongMessages.Message m : all) {
          r.ranker().rank(corpus, m.text(), vectors.get(m.id()));
        }
        if (round > 0) {
          millis[which] += (System.nanoTime() - started) / 1e6 / all.size() / 3;
        }
      }
    }
    long started = System.nanoTime();
    int sentences = 0;
    for (LongMessages.Message m : all.subList(0, Math.min(40, all.size()))) {
      List<String> own = io.frontdesk.knowledge.FocusedQuery.sentences(m.text());
      embedder.model().embedAll(own);
      sentences += own.size();
    }
    double embedMillis = (System.nanoTime() - started) / 1e6 / Math.min(40, all.size());
    md.append(
        "Cost per search of a long message (full-text queries in the embedded PostgreSQL, dense ranking over the passages in memory, fusion; vectors given): before %s ms, focus candidate %s ms, shipped %s ms (mean of 3 passes over the %d messages, after a warm-up pass). Focus embeds the message's sentences besides its whole text: %s ms per message with the in-process model (%s sentences on average, one batch, first 40 messages, uncached).\n\n"
            .formatted(
                Report.f1(millis[0]),
                Report.f1(millis[1]),
                Report.f1(millis[2]),
                all.size(),
                Report.f1(embedMillis),
                Report.f1((double) sentences / Math.min(40, all.size()))));
  }

  private RetrievalSection.Corpus withDistractors(EvalSets sets) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    for (DemoDocuments.Entry e : DemoDocuments.knowledgeBase()) {
      rows.add(new String[] {e.id(), e.title(), e.category(), e.tags(), e.body()});
    }
    for (DemoDocuments.Entry e : DemoDocuments.documentation()) {
      rows.add(new String[] {e.id(), e.title(), e.category(), e.tags(), e.body()});
    }
    sets.stackFaqCorpus()
        .orElseThrow()
        .forEach(d -> rows.add(new String[] {d.id(), d.question(), "faq", "", d.answers()}));
    return retrieval.corpus("eval_long_distracted", rows);
  }

  private static long documents(RetrievalSection.Corpus c) {
    return c.passages().stream().map(p -> p.documentId()).distinct().count();
  }
}
