package io.frontdesk.agent.routing.eval;

import io.frontdesk.embedding.References;
import io.frontdesk.knowledge.DenseIndex;
import io.frontdesk.knowledge.FocusedQuery;
import io.frontdesk.knowledge.Fusion;
import io.frontdesk.knowledge.HybridRanking;
import io.frontdesk.knowledge.QueryVectors;
import io.frontdesk.knowledge.SearchConfig;
import io.frontdesk.knowledge.SearchHit;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The rankings the long-message sections compare, each the service's search (KnowledgeService) over
 * an evaluation corpus: keyword only, dense only, the fusions shipped before, and the shipped one.
 */
final class LongRankings {

  /** A ranking of the table: a name and the hits for a message's text and vectors. */
  record Ranking(String name, Ranker ranker) {}

  @FunctionalInterface
  interface Ranker {
    List<SearchHit> rank(RetrievalSection.Corpus corpus, String text, QueryVectors vectors)
        throws SQLException;
  }

  private final RetrievalSection retrieval;
  private final CachedEmbedder embedder;
  private final SearchConfig config;

  LongRankings(RetrievalSection retrieval, CachedEmbedder embedder, SearchConfig config) {
    this.retrieval = retrieval;
    this.embedder = embedder;
    this.config = config;
  }

  /**
   * Keyword, dense, the one fusion for all, the words-led long-query rule, the focus candidate,
   * shipped (last).
   */
  List<Ranking> all() {
    Fusion before =
        new Fusion(config.denseWeight(), config.fullTextWeight(), config.minSimilarity());
    SearchConfig.LongQuery rule = config.longQuery();
    Fusion wordsLed = new Fusion(0.25, 1.0, 0.0);
    return List.of(
        new Ranking("keyword only", (c, t, v) -> fused(c, t, v, new Fusion(0, 1, 0))),
        new Ranking(
            "dense only", (c, t, v) -> fused(c, t, v, new Fusion(1, 0, config.minSimilarity()))),
        new Ranking("before (one fusion for all)", (c, t, v) -> fused(c, t, v, before)),
        new Ranking(
            "words-led (long: dense 0.25 / full text 1.0, whole message)",
            (c, t, v) -> fused(c, t, v, Fusion.words(t) >= rule.words() ? wordsLed : before)),
        new Ranking(
            "candidate: focus (`long-query.focus`, %s)"
                .formatted(rule.focus().enabled() ? "on" : "off: not shipped"),
            (c, t, v) -> fused(c, t, v, Fusion.words(t) >= rule.words() ? focus() : before)),
        new Ranking(
            "**shipped** (`Fusion.forQuery`)",
            (c, t, v) -> fused(c, t, v, Fusion.forQuery(config, t))));
  }

  /** The long-query fusion with the configured focus, whether or not it is enabled. */
  private Fusion focus() {
    SearchConfig.LongQuery rule = config.longQuery();
    SearchConfig.Focus f = rule.focus();
    return new Fusion(
        rule.denseWeight(),
        rule.fullTextWeight(),
        rule.minSimilarity(),
        new Fusion.Focus(
            f.delta(),
            f.minSimilarity(),
            f.denseWeight(),
            f.fullTextWeight(),
            f.wholeFullTextWeight()));
  }

  /** The service's search (KnowledgeService.search) over an evaluation corpus. */
  List<SearchHit> fused(RetrievalSection.Corpus corpus, String text, QueryVectors v, Fusion f)
      throws SQLException {
    int candidates = config.candidates();
    if (f.focused() && v.focusable()) {
      Fusion.Focus focus = f.focus();
      List<List<DenseIndex.Hit>> perSentence = new ArrayList<>();
      for (float[] s : v.sentenceVectors()) {
        perSentence.add(DenseIndex.rank(corpus.passages(), s, candidates, f.minSimilarity()));
      }
      FocusedQuery q = FocusedQuery.of(v.sentences(), perSentence, focus.delta(), candidates);
      if (q.best() >= focus.minBest()) {
        List<SearchHit> words =
            focus.fullTextWeight() > 0 ? retrieval.fullText(corpus.table(), q.text()) : List.of();
        List<SearchHit> whole =
            focus.wholeFullTextWeight() > 0 ? retrieval.fullText(corpus.table(), text) : List.of();
        return HybridRanking.merge(
            q.dense(),
            List.of(words, whole),
            focus.denseWeight(),
            new double[] {focus.fullTextWeight(), focus.wholeFullTextWeight()},
            config.rrfK(),
            candidates);
      }
    }
    List<DenseIndex.Hit> dense =
        f.denseWeight() > 0
            ? DenseIndex.rank(corpus.passages(), v.whole(), candidates, f.minSimilarity())
            : List.of();
    List<SearchHit> words =
        f.fullTextWeight() > 0 ? retrieval.fullText(corpus.table(), text) : List.of();
    return HybridRanking.merge(
        dense, words, f.denseWeight(), f.fullTextWeight(), config.rrfK(), candidates);
  }

  /**
   * The messages' vectors as the service makes them: the whole text and each sentence, without
   * references.
   */
  Map<String, QueryVectors> vectors(List<LongMessages.Message> messages) {
    return vectors(messages, m -> m.text());
  }

  /**
   * The vectors of a dense side lost in the context: of the message without its asking sentences
   * ({@link LongMessageTuning#noise}).
   */
  Map<String, QueryVectors> blind(List<LongMessages.Message> messages) {
    return vectors(
        messages, m -> LongMessageTuning.noise(LongMessageTuning.sentences(m.text()), m.text()));
  }

  private Map<String, QueryVectors> vectors(
      List<LongMessages.Message> messages, Function<LongMessages.Message, String> seen) {
    List<String> wholes = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    for (LongMessages.Message m : messages) {
      wholes.add(References.strip(seen.apply(m)));
      FocusedQuery.sentences(seen.apply(m)).forEach(s -> sentences.add(References.strip(s)));
    }
    List<float[]> w = embedder.embedAll(wholes);
    List<float[]> s = embedder.embedAll(sentences);
    Map<String, QueryVectors> out = new HashMap<>();
    int at = 0;
    for (int i = 0; i < messages.size(); i++) {
      List<String> own = FocusedQuery.sentences(seen.apply(messages.get(i)));
      out.put(
          messages.get(i).id(),
          new QueryVectors(w.get(i), own, new ArrayList<>(s.subList(at, at + own.size()))));
      at += own.size();
    }
    return out;
  }

  /** A ranking's scores over messages with their vectors. */
  static LongMessages.Scores score(
      RetrievalSection.Corpus corpus,
      List<LongMessages.Message> messages,
      Ranking r,
      Map<String, QueryVectors> vectors) {
    return LongMessages.score(
        messages,
        m -> {
          try {
            return r.ranker().rank(corpus, m.text(), vectors.get(m.id()));
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
