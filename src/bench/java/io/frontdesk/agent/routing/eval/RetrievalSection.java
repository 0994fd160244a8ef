package io.frontdesk.agent.routing.eval;

import static io.frontdesk.agent.routing.eval.Report.f3;

import io.frontdesk.database.EmbeddedDatabase;
import io.frontdesk.demo.DemoDocuments;
import io.frontdesk.embedding.References;
import io.frontdesk.knowledge.Chunker;
import io.frontdesk.knowledge.Collection;
import io.frontdesk.knowledge.DenseIndex;
import io.frontdesk.knowledge.HybridRanking;
import io.frontdesk.knowledge.KnowledgeChunkRepository;
import io.frontdesk.knowledge.KnowledgeRepository;
import io.frontdesk.knowledge.SearchHit;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Retrieval quality of the service's search parts on StackFAQ and on written questions over the
 * demo help centre: full-text (the service's PostgreSQL query, in an embedded PostgreSQL), dense
 * (its passages and vectors) and hybrid (its rank fusion) at several weights.
 */
final class RetrievalSection implements AutoCloseable {

  /** A fusion setting: dense weight, full-text weight. */
  record Weights(String name, double dense, double fullText) {}

  static final List<Weights> SETTINGS =
      List.of(
          new Weights("full-text only", 0, 1),
          new Weights("dense only", 1, 0),
          new Weights("hybrid 1 : 1", 1, 1),
          new Weights("hybrid 1 : 0.5", 1, 0.5),
          new Weights("hybrid 1 : 0.25", 1, 0.25));
  static final int CANDIDATES = 20;
  private static final java.util.regex.Pattern PARAMETER =
      java.util.regex.Pattern.compile("\\$(\\d+)");

  /** A searchable corpus: its table and its passages. */
  record Corpus(String table, List<KnowledgeChunkRepository.Stored> passages) {}

  /** One query with the ids that answer it. */
  record Query(String text, Set<String> gold) {}

  /** Recall@1, recall@5 and MRR over a query set. */
  record Scores(double recall1, double recall5, double mrr) {}

  private final CachedEmbedder embedder;
  private final double minSimilarity;
  private final int rrfK;
  private final EmbeddedDatabase database;
  private final Connection jdbc;
  Double stackFaqHybridRecall5;
  Weights chosen;
  Corpus demo;

  RetrievalSection(CachedEmbedder embedder, double minSimilarity, int rrfK) throws Exception {
    this.embedder = embedder;
    this.minSimilarity = minSimilarity;
    this.rrfK = rrfK;
    this.database = EmbeddedDatabase.start(Files.createTempDirectory("frontdesk-eval-pg"), true);
    this.jdbc =
        DriverManager.getConnection(
            "jdbc:postgresql://localhost:%d/postgres".formatted(database.port()),
            "postgres",
            database.password());
  }

  void write(StringBuilder md, EvalSets sets, Weights configured) throws SQLException {
    md.append("## Knowledge retrieval\n\n")
        .append(
            "Full-text = the service's PostgreSQL query (`KnowledgeRepository.fullTextSql`: any stemmed term, `ts_rank` over title and tags (A) and body (C)); dense = the documents' passages (`Chunker`, ≤ %d words, embedded with the title) ranked by their best passage (`DenseIndex.rank`, passages below cosine %s dropped); hybrid = `HybridRanking` (weighted reciprocal rank fusion, k = %d) of the top %d of each. Recall@k: the gold document is among the first k; MRR over the first %d.\n\n"
                .formatted(Chunker.MAX_WORDS, minSimilarity, rrfK, CANDIDATES, CANDIDATES));
    demo = demoCorpus();
    Optional<List<EvalSets.FaqDocument>> corpus = sets.stackFaqCorpus();
    Optional<List<EvalSets.Query>> queries = sets.stackFaqQueries();
    Weights best = configured;
    if (corpus.isPresent() && queries.isPresent()) {
      Corpus faq = stackFaqCorpus(corpus.get());
      List<Query> all =
          queries.get().stream().map(q -> new Query(q.text(), Set.of(q.gold()))).toList();
      List<Query> dev = all.stream().filter(q -> new Labelled(q.text(), "").fold(2) == 0).toList();
      List<Query> heldOut =
          all.stream().filter(q -> new Labelled(q.text(), "").fold(2) == 1).toList();
      md.append(
              "### StackFAQ (`%s`: %d FAQ threads; `%s`: %d user queries; %d passages)\n\n"
                  .formatted(
                      EvalSets.STACKFAQ_CORPUS,
                      corpus.get().size(),
                      EvalSets.STACKFAQ_QUERIES,
                      all.size(),
                      faq.passages().size()))
          .append(
              "Queries split by a CRC-32 of the text: the default weights are the setting with the best recall@5 + MRR on the dev half; the held-out half is reported beside it.\n\n")
          .append(
              "| setting | recall@1 | recall@5 | MRR | held-out recall@1 | held-out recall@5 | held-out MRR |\n|---|---|---|---|---|---|---|\n");
      double bestDev = -1;
      for (Weights w : SETTINGS) {
        Scores all3 = score(faq, all, w);
        Scores d = score(faq, dev, w);
        Scores h = score(faq, heldOut, w);
        md.append(
            "| %s | %s | %s | %s | %s | %s | %s |\n"
                .formatted(
                    w.name(),
                    f3(all3.recall1()),
                    f3(all3.recall5()),
                    f3(all3.mrr()),
                    f3(h.recall1()),
                    f3(h.recall5()),
                    f3(h.mrr())));
        if (w.dense() > 0 && w.fullText() > 0 && d.recall5() + d.mrr() > bestDev) {
          bestDev = d.recall5() + d.mrr();
          best = w;
        }
      }
      stackFaqHybridRecall5 = score(faq, all, configured).recall5();
      md.append(
          "\nBest hybrid setting on the dev half: **%s**. Configured (%s): hybrid recall@5 on all queries %s.\n\n"
              .formatted(
                  best.name(), configured.name(), Report.against(stackFaqHybridRecall5, 0.95)));
    } else {
      md.append(
          "### StackFAQ\n\nnot measured: `%s` or `%s` missing.\n\n"
              .formatted(EvalSets.STACKFAQ_CORPUS, EvalSets.STACKFAQ_QUERIES));
    }
    chosen = best;
    List<Query> demoQueries = demoQueries();
    md.append(
            "### Demo help centre (%d articles and pages, %d passages; %d written questions)\n\n"
                .formatted(documentsOf(demo), demo.passages().size(), demoQueries.size()))
        .append(
            "Questions in a customer's words (`src/bench/resources/eval/demo-kb-queries.tsv`, written for this evaluation), each with the article or page that answers it; never used to choose settings.\n\n")
        .append("| setting | recall@1 | recall@5 | MRR |\n|---|---|---|---|\n");
    for (Weights w : SETTINGS) {
      Scores s = score(demo, demoQueries, w);
      md.append(
          "| %s | %s | %s | %s |\n"
              .formatted(w.name(), f3(s.recall1()), f3(s.recall5()), f3(s.mrr())));
    }
    md.append("\n");
  }

  /** The service's hybrid search over a corpus (embedding included), for the latency section. */
  List<SearchHit> search(Corpus corpus, String query, Weights w) throws SQLException {
    return rank(corpus, query, embedder.model().embed(References.strip(query)), w);
  }

  private Scores score(Corpus corpus, List<Query> queries, Weights w) throws SQLException {
    // the dense side reads a query as the service does: without its references
    List<float[]> vectors =
        embedder.embedAll(queries.stream().map(q -> References.strip(q.text())).toList());
    double r1 = 0, r5 = 0, mrr = 0;
    for (int i = 0; i < queries.size(); i++) {
      List<SearchHit> hits = rank(corpus, queries.get(i).text(), vectors.get(i), w);
      for (int rank = 0; rank < hits.size(); rank++) {
        if (queries.get(i).gold().contains(hits.get(rank).id())) {
          r1 += rank == 0 ? 1 : 0;
          r5 += rank < 5 ? 1 : 0;
          mrr += 1.0 / (rank + 1);
          break;
        }
      }
    }
    int n = queries.size();
    return new Scores(r1 / n, r5 / n, mrr / n);
  }

  private List<SearchHit> rank(Corpus corpus, String query, float[] vector, Weights w)
      throws SQLException {
    List<DenseIndex.Hit> dense =
        w.dense() > 0
            ? DenseIndex.rank(corpus.passages(), vector, CANDIDATES, minSimilarity)
            : List.of();
    List<SearchHit> words = w.fullText() > 0 ? fullText(corpus.table(), query) : List.of();
    return HybridRanking.merge(dense, words, w.dense(), w.fullText(), rrfK, CANDIDATES);
  }

  List<SearchHit> fullText(String table, String query) throws SQLException {
    return words(KnowledgeRepository.fullTextSql(table, "grp"), query);
  }

  /**
   * A full-text query of the service's shape ($1 the text, $2 the limit, $3 the passages, then
   * {@code more}) over an evaluation table; a parameter may occur more than once.
   */
  List<SearchHit> words(String serviceSql, String query, Object... more) throws SQLException {
    List<Object> values = new ArrayList<>(List.of(query, CANDIDATES, CANDIDATES));
    values.addAll(List.of(more));
    List<Object> bound = new ArrayList<>();
    java.util.regex.Matcher m = PARAMETER.matcher(serviceSql);
    StringBuilder sql = new StringBuilder();
    while (m.find()) {
      bound.add(values.get(Integer.parseInt(m.group(1)) - 1));
      m.appendReplacement(sql, "?");
    }
    m.appendTail(sql);
    try (PreparedStatement ps = jdbc.prepareStatement(sql.toString())) {
      for (int i = 0; i < bound.size(); i++) {
        ps.setObject(i + 1, bound.get(i));
      }
      List<SearchHit> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new SearchHit(
                  rs.getString("id"),
                  rs.getString("title"),
                  rs.getString("grp"),
                  rs.getString("passage"),
                  rs.getDouble("score"),
                  0));
        }
      }
      return out;
    }
  }

  private Corpus stackFaqCorpus(List<EvalSets.FaqDocument> docs) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    docs.forEach(d -> rows.add(new String[] {d.id(), d.question(), "faq", "", d.answers()}));
    return corpus("eval_stackfaq", rows);
  }

  Corpus demoCorpus() throws SQLException {
    List<String[]> rows = new ArrayList<>();
    for (DemoDocuments.Entry e : DemoDocuments.knowledgeBase()) {
      rows.add(new String[] {e.id(), e.title(), e.category(), e.tags(), e.body()});
    }
    for (DemoDocuments.Entry e : DemoDocuments.documentation()) {
      rows.add(new String[] {e.id(), e.title(), e.category(), e.tags(), e.body()});
    }
    return corpus("eval_demo", rows);
  }

  /** A table shaped like kb_article (the same generated tsvector), and the corpus's passages. */
  Corpus corpus(String table, List<String[]> rows) throws SQLException {
    try (Statement st = jdbc.createStatement()) {
      st.execute("drop table if exists " + table);
      st.execute(
          ("create table %s (id text primary key, title text not null, grp text not null, tags"
                  + " text not null, body text not null, search tsvector generated always as"
                  + " (setweight(to_tsvector('english', title), 'A') ||"
                  + " setweight(to_tsvector('english', tags), 'A') ||"
                  + " setweight(to_tsvector('english', body), 'C')) stored)")
              .formatted(table));
      st.execute("create index on %s using gin (search)".formatted(table));
    }
    List<Chunker.Chunk> chunks = new ArrayList<>();
    List<String[]> owners = new ArrayList<>();
    try (PreparedStatement ps =
        jdbc.prepareStatement(
            "insert into %s (id, title, grp, tags, body) values (?, ?, ?, ?, ?)"
                .formatted(table))) {
      for (String[] r : rows) {
        for (int i = 0; i < 5; i++) {
          ps.setString(i + 1, r[i]);
        }
        ps.addBatch();
        for (Chunker.Chunk c : Chunker.chunk(r[1], r[4])) {
          chunks.add(c);
          owners.add(r);
        }
      }
      ps.executeBatch();
    }
    List<float[]> vectors =
        embedder.embedAll(chunks.stream().map(Chunker.Chunk::embedded).toList());
    List<KnowledgeChunkRepository.Stored> passages = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      String[] owner = owners.get(i);
      passages.add(
          new KnowledgeChunkRepository.Stored(
              Collection.KNOWLEDGE_BASE,
              owner[0],
              owner[1],
              owner[2],
              chunks.get(i).content(),
              vectors.get(i)));
    }
    return new Corpus(table, passages);
  }

  private static List<Query> demoQueries() {
    List<Query> out = new ArrayList<>();
    for (String line : DemoRouteSection.resource("eval/demo-kb-queries.tsv").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t", 2);
      out.add(new Query(parts[1].strip(), Set.of(parts[0].strip().split(","))));
    }
    return out;
  }

  static List<String> demoQueryTexts() {
    return demoQueries().stream().map(Query::text).toList();
  }

  private static long documentsOf(Corpus c) {
    return c.passages().stream()
        .map(KnowledgeChunkRepository.Stored::documentId)
        .distinct()
        .count();
  }

  @Override
  public void close() throws Exception {
    jdbc.close();
    database.close();
  }
}
