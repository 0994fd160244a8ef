package io.frontdesk.agent.routing.eval;

import io.frontdesk.agent.routing.Router;
import io.frontdesk.agent.routing.RouterModel;
import io.frontdesk.embedding.References;
import io.frontdesk.turn.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

/** Trains the service's router head on labelled vectors and scores its predictions. */
final class Classification {

  /** A labelled text with its vector. */
  record Sample(Labelled example, float[] vector) {}

  /** What the router said about one sample. */
  record Scored(Labelled example, Route predicted) {

    boolean routeRight() {
      return predicted.route().equals(route(example.label()));
    }

    boolean labelRight() {
      String label =
          predicted.action() == null
              ? predicted.route()
              : predicted.route() + "/" + predicted.action();
      return label.equals(example.label());
    }
  }

  private Classification() {}

  static List<Sample> samples(List<Labelled> data, CachedEmbedder embedder) {
    // read as the router reads a message: without its references
    List<float[]> vectors =
        embedder.embedAll(data.stream().map(d -> References.strip(d.text())).toList());
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      out.add(new Sample(data.get(i), vectors.get(i)));
    }
    return out;
  }

  /** Trains exactly as the service does (Router.settings), at threshold 0. */
  static RouterModel train(List<Sample> samples, double l2) {
    return RouterModel.train(
        samples.stream().map(s -> s.example().label()).toList(),
        samples.stream().map(Sample::vector).toList(),
        Router.settings(l2),
        0,
        ForkJoinPool.commonPool());
  }

  static List<Scored> predict(RouterModel model, List<Sample> samples) {
    return samples.stream().map(s -> new Scored(s.example(), model.classify(s.vector()))).toList();
  }

  /** Every sample predicted by a model trained on the other folds. */
  static List<Scored> crossValidate(
      List<Sample> samples, int folds, double l2, Function<Sample, Integer> foldOf) {
    return crossValidate(samples, folds, l2, foldOf, Function.identity());
  }

  /** The same, each fold's model set up (e.g. its out-of-scope rule) before it predicts. */
  static List<Scored> crossValidate(
      List<Sample> samples,
      int folds,
      double l2,
      Function<Sample, Integer> foldOf,
      Function<RouterModel, RouterModel> setUp) {
    List<Scored> out = new ArrayList<>();
    for (int f = 0; f < folds; f++) {
      int fold = f;
      List<Sample> train = samples.stream().filter(s -> foldOf.apply(s) != fold).toList();
      List<Sample> test = samples.stream().filter(s -> foldOf.apply(s) == fold).toList();
      long start = System.nanoTime();
      out.addAll(predict(setUp.apply(train(train, l2)), test));
      System.out.printf(
          "fold %d/%d: %d examples, %d ms%n",
          f + 1, folds, train.size(), (System.nanoTime() - start) / 1_000_000);
    }
    return out;
  }

  static double routeAccuracy(List<Scored> scored) {
    return scored.stream().filter(Scored::routeRight).count() / (double) scored.size();
  }

  static double labelAccuracy(List<Scored> scored) {
    return scored.stream().filter(Scored::labelRight).count() / (double) scored.size();
  }

  /** Of the predictions at or above the threshold: how many there are and how many are right. */
  record Coverage(double threshold, double coverage, double precision, int sure) {}

  static Coverage coverage(List<Scored> scored, double threshold) {
    List<Scored> sure =
        scored.stream().filter(s -> s.predicted().confidence() >= threshold).toList();
    double precision =
        sure.isEmpty()
            ? 1
            : sure.stream().filter(Scored::routeRight).count() / (double) sure.size();
    return new Coverage(threshold, sure.size() / (double) scored.size(), precision, sure.size());
  }

  static String route(String label) {
    int slash = label.indexOf('/');
    return slash < 0 ? label : label.substring(0, slash);
  }
}
