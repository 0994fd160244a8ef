package io.frontdesk.guard.eval;

import io.frontdesk.agent.routing.RouteExamples;
import io.frontdesk.agent.routing.Router;
import io.frontdesk.embedding.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The labelled texts the model-backed heads learn from, each tagged with the set it came from (the
 * unit of leave-one-source-out), and their vectors (embedded once, cached under target/). Besides
 * the public sets, texts we wrote ourselves ({@code src/bench/resources/guard/authored}: attacks
 * from the known families, customer wording near them, abuse and angry-but-civil messages) are
 * always trained on and never tested on (group {@value #AUTHORED}).
 */
final class HeadData {

  /** One labelled text and the set it belongs to. */
  record Item(String group, EvalData.Example example) {}

  static final List<String> CUSTOMER_GROUPS = List.of("banking77", "clinc150", "desk");

  /** The group of our own texts: training only, in every split. */
  static final String AUTHORED = "authored";

  /** Customer questions: the false alarms that matter most. */
  static final Predicate<EvalData.Example> CUSTOMER =
      e -> CUSTOMER_GROUPS.contains(e.source()) || e.source().startsWith("desk");

  final List<Item> injection = new ArrayList<>();
  final List<Item> toxicity = new ArrayList<>();
  final Map<String, float[]> vectors = new HashMap<>();

  /**
   * Our own out-of-domain toxicity check set ({@code guard/check/toxicity-check.tsv}): written
   * before tuning, never trained on, and not independent (we wrote it).
   */
  final List<EvalData.Example> toxicityCheck = checkSet("guard/check/toxicity-check.tsv");

  /**
   * Civil text in other registers ({@code guard/check/toxicity-civil.txt}, ours, never trained on):
   * what the tweet-trained word model should not flag.
   */
  final List<EvalData.Example> civilCheck =
      lines("guard/check/toxicity-civil.txt").stream()
          .map(l -> new EvalData.Example(l, false, "check"))
          .toList();

  /**
   * The large sets are sampled (a fixed share by a hash of the text) to keep the first embedding
   * run within minutes on two shared cores: one in {@code every} texts of each.
   */
  static final int CUSTOMER_SAMPLE = 2;

  static final int TWEET_SAMPLE = 3;

  static boolean sampled(String text, int every) {
    return (Split.hash(text) >>> 11) % every == 0;
  }

  /**
   * {@code window} is what the service's embedder makes of one message before embedding it ({@link
   * io.frontdesk.embedding.InProcessEmbedder#window}): the heads learn from the vectors they meet.
   */
  HeadData(EvalData data, Embedder embedder, UnaryOperator<String> window) {
    List<EvalData.Example> customers = new ArrayList<>();
    data.banking77().stream()
        .filter(e -> sampled(e.text(), CUSTOMER_SAMPLE))
        .forEach(customers::add);
    data.clincInScope().stream()
        .filter(e -> sampled(e.text(), CUSTOMER_SAMPLE + 1))
        .forEach(customers::add);
    for (RouteExamples.Example e : Router.shipped()) {
      customers.add(new EvalData.Example(e.text(), false, "desk"));
    }
    List<EvalData.Example> authoredCustomers =
        authored("customer-questions.txt", false, "desk-authored");
    authored("injection-attacks.txt", true, "authored-attacks")
        .forEach(e -> injection.add(new Item(AUTHORED, e)));
    authoredCustomers.forEach(e -> injection.add(new Item(AUTHORED, e)));
    authored("toxic.txt", true, "authored-toxic").forEach(e -> toxicity.add(new Item(AUTHORED, e)));
    authored("frustrated.txt", true, "authored-frustrated")
        .forEach(e -> toxicity.add(new Item(AUTHORED, e)));
    authored("not-toxic.txt", false, "desk-authored-angry")
        .forEach(e -> toxicity.add(new Item(AUTHORED, e)));
    authoredCustomers.forEach(e -> toxicity.add(new Item(AUTHORED, e)));
    for (EvalData.Example e : data.giskard()) {
      injection.add(new Item("giskard", e));
    }
    for (String part :
        List.of("text_attack_train", "code_attack_train", "text_attack_test", "code_attack_test")) {
      for (EvalData.Example e : data.bipia(part)) {
        injection.add(new Item(part.endsWith("test") ? "bipia-test" : "bipia-train", e));
      }
    }
    for (EvalData.Example e : data.injecguardValid()) {
      injection.add(new Item("valid.json", e));
    }
    data.notInject().forEach(e -> injection.add(new Item("NotInject", e)));
    for (EvalData.Example e : data.wildguard()) {
      if (!e.positive()) {
        injection.add(new Item("wildguard", e));
      }
    }
    customers.forEach(e -> injection.add(new Item(e.source(), e)));

    data.davidson().stream()
        .filter(e -> sampled(e.text(), TWEET_SAMPLE))
        .forEach(e -> toxicity.add(new Item("davidson", e)));
    data.notInject().forEach(e -> toxicity.add(new Item("NotInject", e)));
    customers.forEach(e -> toxicity.add(new Item(e.source(), e)));

    Set<String> texts = new LinkedHashSet<>();
    injection.forEach(i -> texts.add(i.example().text()));
    toxicity.forEach(i -> texts.add(i.example().text()));
    toxicityCheck.forEach(e -> texts.add(e.text()));
    civilCheck.forEach(e -> texts.add(e.text()));
    List<String> all = List.copyOf(texts);
    List<float[]> embedded = embedder.embedAll(all.stream().map(window).toList());
    for (int i = 0; i < all.size(); i++) {
      vectors.put(all.get(i), embedded.get(i));
    }
  }

  /**
   * What the turn embeds of a message for the heads: the text without its references ({@link
   * io.frontdesk.embedding.References}, as the router reads it), through the model's window.
   */
  static UnaryOperator<String> asTheTurnReadsIt(io.frontdesk.embedding.InProcessEmbedder model) {
    return t -> model.window(io.frontdesk.embedding.References.strip(t));
  }

  /** A check set: {@code label<TAB>text} lines (1 positive, 0 not), {@code #} comments. */
  static List<EvalData.Example> checkSet(String resource) {
    return lines(resource).stream()
        .map(l -> l.split("\t", 2))
        .map(p -> new EvalData.Example(p[1].strip(), p[0].strip().equals("1"), "check"))
        .toList();
  }

  private static List<String> lines(String resource) {
    try (InputStream in = HeadData.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One of our own text files: a text per line, {@code #} comments. */
  static List<EvalData.Example> authored(String file, boolean positive, String source) {
    return lines("guard/authored/" + file).stream()
        .map(l -> new EvalData.Example(l, positive, source))
        .toList();
  }

  static List<EvalData.Example> examples(List<Item> items, Predicate<Item> keep) {
    return items.stream().filter(keep).map(Item::example).toList();
  }
}
