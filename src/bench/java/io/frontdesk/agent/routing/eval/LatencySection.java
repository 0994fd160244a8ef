package io.frontdesk.agent.routing.eval;

import static io.frontdesk.agent.routing.eval.Report.f1;

import io.frontdesk.agent.routing.RouterModel;
import io.frontdesk.embedding.Embedder;
import io.frontdesk.guard.eval.Latency;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-message cost of the offline parts on this machine: embedding (the in-process model, never the
 * cache), routing (the trained head), both together, and a hybrid search over the demo help centre
 * (dense in memory + the full-text query against PostgreSQL + fusion). Each text's cost is its
 * median over five timed passes after three warm-up passes (guard.eval.Latency).
 */
final class LatencySection {

  private final Embedder model;
  private final RouterModel router;
  private final RetrievalSection retrieval;
  Latency.Result embedAndRoute;

  LatencySection(Embedder model, RouterModel router, RetrievalSection retrieval) {
    this.model = model;
    this.router = router;
    this.retrieval = retrieval;
  }

  void write(StringBuilder md, List<String> messages) throws Exception {
    Map<String, float[]> vectors = new HashMap<>();
    List<float[]> all = model.embedAll(messages);
    for (int i = 0; i < messages.size(); i++) {
      vectors.put(messages.get(i), all.get(i));
    }
    Latency.Result embed = Latency.measure(messages, model::embed);
    Latency.Result route = Latency.measure(messages, t -> router.classify(vectors.get(t)));
    embedAndRoute = Latency.measure(messages, t -> router.classify(model.embed(t)));
    List<String> queries = RetrievalSection.demoQueryTexts();
    List<Exception> failures = new ArrayList<>();
    Latency.Result search =
        Latency.measure(
            queries,
            q -> {
              try {
                retrieval.search(retrieval.demo, q, retrieval.chosen);
              } catch (Exception e) {
                failures.add(e);
              }
            });
    if (!failures.isEmpty()) {
      throw failures.getFirst();
    }
    md.append("## Latency per message\n\n")
        .append(
            "%d customer messages (the demo route examples and the person-request set; %d words on average), %d help-centre questions for search. Single-threaded calls on a machine shared with other work.\n\n"
                .formatted(messages.size(), averageWords(messages), queries.size()))
        .append("| step | calls | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n")
        .append(row("embed (in-process all-MiniLM-L6-v2-q)", embed))
        .append(row("route (trained head on the vector)", route))
        .append(row("embed + route", embedAndRoute))
        .append(row("hybrid search incl. embedding and the PostgreSQL full-text query", search))
        .append(
            "\nembed + route p99: %s\n\n"
                .formatted(
                    embedAndRoute.p99Micros() / 1000 <= 10
                        ? "**" + f1(embedAndRoute.p99Micros() / 1000) + " ms** (target ≤ 10 ms met)"
                        : "**"
                            + f1(embedAndRoute.p99Micros() / 1000)
                            + " ms** (target ≤ 10 ms **missed**)"));
  }

  private static String row(String name, Latency.Result r) {
    return "| %s | %d | %s | %s | %s |\n"
        .formatted(
            name,
            r.calls(),
            String.format(java.util.Locale.ROOT, "%.3f", r.p50Micros() / 1000),
            String.format(java.util.Locale.ROOT, "%.3f", r.p99Micros() / 1000),
            String.format(java.util.Locale.ROOT, "%.3f", r.maxMicros() / 1000));
  }

  private static long averageWords(List<String> texts) {
    return Math.round(texts.stream().mapToInt(t -> t.split("\\s+").length).average().orElse(0));
  }
}
