package io.frontdesk.agent.routing.eval;

import static io.frontdesk.agent.routing.eval.Report.f3;

import io.frontdesk.knowledge.QueryVectors;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The derived long-message set over hundreds of articles (issue 27): StackFAQ's queries in customer
 * chatter ({@link ChattyMessages}) against its threads split into one article per answer.
 */
final class ChattySection {

  /** The set's messages (tuning and held-out halves) and the corpus they are scored on. */
  record Prepared(RetrievalSection.Corpus corpus, int articles, List<LongMessages.Message> all) {}

  /** Held-out hit@5 of the shipped ranking, for the summary. */
  Double heldOutShippedHit5;

  private final RetrievalSection retrieval;
  private final LongRankings rankings;

  ChattySection(RetrievalSection retrieval, LongRankings rankings) {
    this.retrieval = retrieval;
    this.rankings = rankings;
  }

  /** The derived set from a data folder, or empty when StackFAQ is missing there. */
  static Optional<Prepared> prepare(EvalSets sets, RetrievalSection retrieval) throws SQLException {
    Optional<List<String[]>> rows = sets.stackFaqArticles();
    Optional<List<EvalSets.Query>> queries = sets.stackFaqQueries();
    Optional<List<EvalSets.FaqDocument>> threads = sets.stackFaqCorpus();
    if (rows.isEmpty() || queries.isEmpty() || threads.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Set<String>> gold = goldArticles(rows.get());
    List<LongMessages.Message> all =
        ChattyMessages.build(queries.get(), threads.get(), ChattyMessages.SEED).stream()
            .map(m -> m.asLong(gold.get(m.goldThread())))
            .toList();
    return Optional.of(
        new Prepared(retrieval.corpus("eval_chatty", rows.get()), rows.get().size(), all));
  }

  void write(StringBuilder md, EvalSets sets) throws SQLException {
    Optional<Prepared> prepared = prepare(sets, retrieval);
    if (prepared.isEmpty()) {
      md.append(
          "Not measured: the derived chatty set (`%s` or `%s` missing).\n\n"
              .formatted(EvalSets.STACKFAQ_CORPUS, EvalSets.STACKFAQ_QUERIES));
      return;
    }
    Prepared p = prepared.get();
    Map<Boolean, List<LongMessages.Message>> halves = halves(sets, p.all());
    md.append(
            "### Derived by us: StackFAQ queries in customer chatter (%d articles)\n\n"
                .formatted(p.articles()))
        .append(
            "**Ours, derived** (not an independent source): each of the %d user queries of `%s` embedded in customer chatter drawn with a fixed seed (%d) from sentences written for this evaluation (`ChattyMessages`: greetings, context, frustration, unrelated details, two words of another thread's subject, thanks), %d–%d words; the %d threads of `%s` split into one article per answer (%d articles; any answer of the gold thread counts). Split by a CRC-32 of the gold thread (whole threads on one side): tuning half %d messages, held-out half %d. hit@5 = recall@5 here (one gold thread per message).\n\n"
                .formatted(
                    p.all().size(),
                    sets.root().resolve(EvalSets.STACKFAQ_QUERIES),
                    ChattyMessages.SEED,
                    ChattyMessages.MIN_WORDS,
                    ChattyMessages.MAX_WORDS,
                    sets.stackFaqCorpus().orElseThrow().size(),
                    sets.root().resolve(EvalSets.STACKFAQ_CORPUS),
                    p.articles(),
                    halves.get(true).size(),
                    halves.get(false).size()))
        .append("| ranking | data | hit@5 | MRR | nothing |\n|---|---|---|---|---|\n");
    Map<Boolean, Map<String, QueryVectors>> vectors = new HashMap<>();
    halves.forEach((half, ms) -> vectors.put(half, rankings.vectors(ms)));
    rows(md, p, halves, vectors, "");
    heldOutShippedHit5 = shipped;
    md.append(
            "Dense blind (as in the stress table above: the dense side, focus included, reads the message without its asking sentences; the words read it all), the regime of the issue's data where dense alone is far below keyword:\n\n")
        .append("| ranking | data | hit@5 | MRR | nothing |\n|---|---|---|---|---|\n");
    Map<Boolean, Map<String, QueryVectors>> blind = new HashMap<>();
    halves.forEach((half, ms) -> blind.put(half, rankings.blind(ms)));
    rows(md, p, halves, blind, " (dense blind)");
  }

  private Double shipped;

  private void rows(
      StringBuilder md,
      Prepared p,
      Map<Boolean, List<LongMessages.Message>> halves,
      Map<Boolean, Map<String, QueryVectors>> vectors,
      String how) {
    List<LongRankings.Ranking> all = rankings.all();
    for (LongRankings.Ranking r : all) {
      for (boolean tuning : new boolean[] {true, false}) {
        LongMessages.Scores s =
            LongRankings.score(p.corpus(), halves.get(tuning), r, vectors.get(tuning));
        md.append(
            "| %s | derived from `%s`%s, %s (%d) | %s | %s | %d |\n"
                .formatted(
                    r.name(),
                    EvalSets.STACKFAQ_QUERIES,
                    how,
                    tuning ? "tuning half" : "**held-out half**",
                    s.n(),
                    f3(s.hit5()),
                    f3(s.mrr()),
                    s.nothing()));
        if (r == all.getLast() && !tuning) {
          shipped = s.hit5();
        }
      }
    }
    md.append("\n");
  }

  /** The tuning (true) and held-out (false) halves: by the gold thread, whole threads together. */
  static Map<Boolean, List<LongMessages.Message>> halves(
      EvalSets sets, List<LongMessages.Message> all) {
    Map<String, Boolean> tuning = new HashMap<>();
    ChattyMessages.build(
            sets.stackFaqQueries().orElseThrow(),
            sets.stackFaqCorpus().orElseThrow(),
            ChattyMessages.SEED)
        .forEach(m -> tuning.put(m.id(), m.tuning()));
    Map<Boolean, List<LongMessages.Message>> out = new HashMap<>();
    out.put(true, all.stream().filter(m -> tuning.get(m.id())).toList());
    out.put(false, all.stream().filter(m -> !tuning.get(m.id())).toList());
    return out;
  }

  /** Each thread's articles (its answers), by the thread's id (the rows' group). */
  static Map<String, Set<String>> goldArticles(List<String[]> rows) {
    Map<String, Set<String>> out = new HashMap<>();
    for (String[] r : rows) {
      out.computeIfAbsent(r[2], k -> new LinkedHashSet<>()).add(r[0]);
    }
    return out;
  }
}
