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
 * labels, so several actions of one route never split its vote. Out of scope wins as soon as its
 * probability reaches {@code outOfScopeAt}, even when another route is likelier: a message that
 * looks somewhat like the out-of-scope examples is rarely one the desk should act on alone.
 */
public final class RouterModel {

  /** An out-of-scope probability no message reaches: the likeliest route decides alone. */
  public static final double NEVER = 2;

  private final List<String> labels;
  private final List<String> routes;
  private final int[] routeOf;
  private final SoftmaxRegression head;
  private final double threshold;
  private final double outOfScopeAt;
  private final int outOfScope;

  /** A message's label probabilities and their sums by route (index as in {@link #routes()}). */
  public record Scores(double[] labels, double[] routes) {}

  private RouterModel(
      List<String> labels, SoftmaxRegression head, double threshold, double outOfScopeAt) {
    this.labels = labels;
    this.head = head;
    this.threshold = threshold;
    this.outOfScopeAt = outOfScopeAt;
    this.routes = new ArrayList<>(new TreeSet<>(labels.stream().map(Label::route).toList()));
    this.routeOf = labels.stream().mapToInt(l -> routes.indexOf(Label.route(l))).toArray();
    this.outOfScope = routes.indexOf(Route.OUT_OF_SCOPE);
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
    return new RouterModel(List.copyOf(labels), head, threshold, NEVER);
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
    return new RouterModel(List.copyOf(labels), head, threshold, NEVER);
  }

  public List<String> routes() {
    return List.copyOf(routes);
  }

  /** The same model deciding at another threshold (for evaluations). */
  public RouterModel withThreshold(double threshold) {
    return new RouterModel(labels, head, threshold, outOfScopeAt);
  }

  /**
   * The same model taking the out-of-scope route from this probability on (a sure route: the
   * decision is made); {@link #NEVER} leaves it to the likeliest route.
   */
  public RouterModel withOutOfScopeAt(double probability) {
    return new RouterModel(labels, head, threshold, probability);
  }

  public Route classify(float[] vector) {
    return decide(scores(vector));
  }

  /** The head's probabilities for a vector (evaluations decide them at several settings). */
  public Scores scores(float[] vector) {
    double[] p = head.probabilities(vector);
    double[] byRoute = new double[routes.size()];
    for (int i = 0; i < p.length; i++) {
      byRoute[routeOf[i]] += p[i];
    }
    return new Scores(p, byRoute);
  }

  /** The route, action and confidence for a message's scores, at this model's settings. */
  public Route decide(Scores scores) {
    double[] p = scores.labels();
    double[] byRoute = scores.routes();
    if (outOfScope >= 0 && byRoute[outOfScope] >= outOfScopeAt) {
      return new Route(Route.OUT_OF_SCOPE, null, Math.min(1.0, byRoute[outOfScope]), true);
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
