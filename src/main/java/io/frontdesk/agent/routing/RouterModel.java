package io.frontdesk.agent.routing;

import io.frontdesk.turn.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;

/**
 * The trained router: a softmax head over message vectors whose classes are the example labels
 * ({@code route} or {@code route/action}). A route's confidence is the summed probability of its
 * labels, so several actions of one route never split its vote.
 */
public final class RouterModel {

  private final List<String> labels;
  private final List<String> routes;
  private final int[] routeOf;
  private final SoftmaxRegression head;
  private final double threshold;

  private RouterModel(List<String> labels, SoftmaxRegression head, double threshold) {
    this.labels = labels;
    this.head = head;
    this.threshold = threshold;
    this.routes = new ArrayList<>(new TreeSet<>(labels.stream().map(Label::route).toList()));
    this.routeOf = labels.stream().mapToInt(l -> routes.indexOf(Label.route(l))).toArray();
  }

  /**
   * Trains on one vector per example; labels are sorted first, so the model does not depend on the
   * order of the examples' sections.
   */
  public static RouterModel train(
      List<String> exampleLabels,
      List<float[]> vectors,
      SoftmaxRegression.Settings settings,
      double threshold,
      ForkJoinPool pool) {
    List<String> labels = new ArrayList<>(new TreeSet<>(exampleLabels));
    Map<String, Integer> index = new LinkedHashMap<>();
    labels.forEach(l -> index.put(l, index.size()));
    int[] y = exampleLabels.stream().mapToInt(index::get).toArray();
    SoftmaxRegression head =
        SoftmaxRegression.train(vectors.toArray(float[][]::new), y, labels.size(), settings, pool);
    return new RouterModel(List.copyOf(labels), head, threshold);
  }

  public List<String> labels() {
    return labels;
  }

  /** The trained head (stored by {@link RouterCache}). */
  SoftmaxRegression head() {
    return head;
  }

  /** A model from a stored head and its sorted labels, one per class. */
  static RouterModel of(List<String> labels, SoftmaxRegression head, double threshold) {
    if (labels.size() != head.classes() || !labels.equals(new ArrayList<>(new TreeSet<>(labels)))) {
      throw new IllegalArgumentException(
          labels.size() + " labels (sorted, distinct) needed for " + head.classes() + " classes");
    }
    return new RouterModel(List.copyOf(labels), head, threshold);
  }

  public List<String> routes() {
    return List.copyOf(routes);
  }

  /** The same model deciding at another threshold (for evaluations). */
  public RouterModel withThreshold(double threshold) {
    return new RouterModel(labels, head, threshold);
  }

  public Route classify(float[] vector) {
    double[] p = head.probabilities(vector);
    double[] byRoute = new double[routes.size()];
    for (int i = 0; i < p.length; i++) {
      byRoute[routeOf[i]] += p[i];
    }
    int best = 0;
    for (int r = 1; r < byRoute.length; r++) {
      if (byRoute[r] > byRoute[best]) {
        best = r;
      }
    }
    int action = -1;
    for (int i = 0; i < p.length; i++) {
      if (routeOf[i] == best && (action < 0 || p[i] > p[action])) {
        action = i;
      }
    }
    double confidence = Math.min(1.0, byRoute[best]);
    return new Route(
        routes.get(best), Label.action(labels.get(action)), confidence, confidence >= threshold);
  }
}
