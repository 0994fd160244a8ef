package io.frontdesk.console;

import io.frontdesk.console.KnowledgeGapRepository.Escalated;
import io.frontdesk.embedding.Embedder;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.DBSCANClusterer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the help centre lacks, mined from escalations without a language model: the questions that
 * went to a person for low confidence or at the agent's request are embedded (the model the service
 * already runs) and grouped by meaning with DBSCAN; a group of two or more is a topic, with its
 * count, examples and a draft article an admin completes and publishes.
 */
@ApplicationScoped
public class KnowledgeGaps {

  /** How many escalations one report reads at most. */
  static final int MAX_QUESTIONS = 2000;

  private static final int EXAMPLES = 5;

  /** A topic: the question nearest its centre, how many asked, examples, and a draft article. */
  public record Topic(
      String question,
      int escalations,
      List<String> examples,
      List<String> tickets,
      List<UUID> conversations,
      OffsetDateTime lastAsked,
      Draft draft) {}

  /** An article to complete: the knowledge admin API's fields, the answer left to write. */
  public record Draft(String group, String title, String tags, String body) {}

  private record Point(Escalated question, double[] vector) implements Clusterable {
    @Override
    public double[] getPoint() {
      return vector;
    }
  }

  private final KnowledgeGapRepository repository;
  private final Embedder embedder;
  private final double eps;

  KnowledgeGaps(
      KnowledgeGapRepository repository,
      Embedder embedder,
      @ConfigProperty(name = "frontdesk.knowledge-gaps.min-similarity", defaultValue = "0.6")
          double minSimilarity) {
    this.repository = repository;
    this.embedder = embedder;
    // unit vectors: euclidean distance² = 2 − 2 cos
    this.eps = Math.sqrt(2 - 2 * minSimilarity);
  }

  /** The topics of [since, until), most asked first. */
  public Uni<List<Topic>> topics(OffsetDateTime since, OffsetDateTime until) {
    return repository
        .escalated(since, until, MAX_QUESTIONS)
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .map(this::cluster);
  }

  List<Topic> cluster(List<Escalated> questions) {
    List<Point> points =
        questions.stream().map(q -> new Point(q, unit(embedder.embed(q.message())))).toList();
    // minPts 1: two questions close enough make a topic; a lone one is noise
    List<Cluster<Point>> clusters = new DBSCANClusterer<Point>(eps, 1).cluster(points);
    return clusters.stream()
        .map(KnowledgeGaps::topic)
        .sorted(
            Comparator.comparingInt(Topic::escalations)
                .reversed()
                .thenComparing(Topic::lastAsked, Comparator.reverseOrder()))
        .toList();
  }

  private static Topic topic(Cluster<Point> cluster) {
    List<Point> members = cluster.getPoints();
    double[] centre = new double[members.getFirst().vector().length];
    for (Point p : members) {
      for (int i = 0; i < centre.length; i++) {
        centre[i] += p.vector()[i];
      }
    }
    Point nearest =
        members.stream()
            .max(Comparator.comparingDouble(p -> dot(p.vector(), centre)))
            .orElseThrow();
    Set<String> examples = new LinkedHashSet<>();
    examples.add(nearest.question().message().strip());
    members.stream()
        .sorted(Comparator.comparing((Point p) -> p.question().at()).reversed())
        .map(p -> p.question().message().strip())
        .forEach(examples::add);
    List<String> shown = new ArrayList<>(examples).subList(0, Math.min(EXAMPLES, examples.size()));
    String question = nearest.question().message().strip();
    return new Topic(
        question,
        members.size(),
        shown,
        members.stream().map(p -> "TCK-" + p.question().ticket()).toList(),
        members.stream().map(p -> p.question().conversationId()).distinct().toList(),
        members.stream().map(p -> p.question().at()).max(Comparator.naturalOrder()).orElseThrow(),
        draft(question, shown));
  }

  private static Draft draft(String question, List<String> examples) {
    StringBuilder body = new StringBuilder();
    body.append("Customers ask:\n\n");
    examples.forEach(e -> body.append("- ").append(e.replace('\n', ' ')).append('\n'));
    body.append("\n## Answer\n\nWrite the answer here: yes or no first, then the steps.\n");
    String title = question.length() > 200 ? question.substring(0, 197) + "…" : question;
    return new Draft("general", title, "", body.toString());
  }

  private static double[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    norm = Math.sqrt(norm);
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = norm == 0 ? 0 : v[i] / norm;
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
