package io.frontdesk.guard.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the public labelled sets under {@code ../shared/eval}; nothing is copied into the repo. */
final class EvalData {

  /** One labelled text; {@code source} names the set (and category) it came from. */
  record Example(String text, boolean positive, String source) {}

  /** One presidio sentence with its gold PII spans. */
  record PiiSentence(String text, List<PiiSpan> spans) {}

  /** A gold PII span. */
  record PiiSpan(String type, int start, int end) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String VALID = "injection/injecguard/valid.json";
  static final String GISKARD = "injection/giskard/prompt_injections.csv";
  static final String BANKING77 = "intents/banking77/train.csv";
  static final String CLINC150 = "intents/clinc150/clinc150_train_val.json";
  static final String DAVIDSON = "toxicity/davidson/labeled_data.csv";
  static final String PRESIDIO = "pii/presidio_synth_dataset_v2.json";

  /** The file a BIPIA part is read from. */
  static String bipiaFile(String part) {
    return "injection/bipia/" + part + ".json";
  }

  /** A Davidson tweet (its source is the class name), as opposed to a customer question. */
  static boolean isTweet(Example e) {
    return e.source().equals("hate")
        || e.source().equals("offensive")
        || e.source().equals("neither");
  }

  private final Path root;

  /** Sets that were not found, each skipped with a note in the report. */
  private final java.util.Set<String> missing = new java.util.LinkedHashSet<>();

  EvalData(Path root) {
    this.root = root;
  }

  /** The files that were missing (their sets count as empty). */
  List<String> missing() {
    return List.copyOf(missing);
  }

  Path root() {
    return root;
  }

  /**
   * injecguard valid.json: labelled prompts ({@code label} 1 = attack); source = the optional
   * upstream {@code source} field, else the file's name.
   */
  List<Example> injecguardValid() {
    List<Example> out = new ArrayList<>();
    for (JsonNode n : json(VALID)) {
      out.add(
          new Example(
              n.path("prompt").asText(),
              n.path("label").asInt() == 1,
              n.path("source").asText("valid.json")));
    }
    return out;
  }

  List<Example> notInject() {
    List<Example> out = new ArrayList<>();
    for (String part : List.of("one", "two", "three")) {
      for (JsonNode n : json("injection/injecguard/NotInject_" + part + ".json")) {
        out.add(new Example(n.path("prompt").asText(), false, "NotInject_" + part));
      }
    }
    return out;
  }

  List<Example> wildguard() {
    List<Example> out = new ArrayList<>();
    for (JsonNode n : json("injection/injecguard/wildguard.json")) {
      out.add(new Example(n.path("prompt").asText(), n.path("label").asInt() == 1, "wildguard"));
    }
    return out;
  }

  List<Example> giskard() {
    List<List<String>> rows = Csv.parse(read(GISKARD));
    List<Example> out = new ArrayList<>();
    for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
      if (row.size() >= 4) {
        out.add(new Example(row.get(1), true, "giskard/" + row.get(3)));
      }
    }
    return out;
  }

  /** BIPIA payloads; {@code part} is text_attack_train, text_attack_test, code_attack_... */
  List<Example> bipia(String part) {
    List<Example> out = new ArrayList<>();
    JsonNode node = json(bipiaFile(part));
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> category = it.next();
      for (JsonNode payload : category.getValue()) {
        out.add(new Example(payload.asText(), true, part + "/" + category.getKey()));
      }
    }
    return out;
  }

  List<Example> banking77() {
    List<List<String>> rows = Csv.parse(read(BANKING77));
    List<Example> out = new ArrayList<>();
    for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
      if (!row.get(0).isBlank()) {
        out.add(new Example(row.get(0), false, "banking77"));
      }
    }
    return out;
  }

  /** CLINC150 in-scope queries (train + val; the out-of-scope splits are left out). */
  List<Example> clincInScope() {
    JsonNode node = json(CLINC150);
    List<Example> out = new ArrayList<>();
    for (String split : List.of("train", "val")) {
      if (node.get(split) == null) {
        continue;
      }
      for (JsonNode pair : node.get(split)) {
        out.add(new Example(pair.get(0).asText(), false, "clinc150"));
      }
    }
    return out;
  }

  /** Davidson tweets: positive = hate speech or offensive (class 0 or 1), negative = neither. */
  List<Example> davidson() {
    List<List<String>> rows = Csv.parse(read(DAVIDSON));
    List<Example> out = new ArrayList<>();
    for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
      if (row.size() >= 7) {
        int label = Integer.parseInt(row.get(5).strip());
        out.add(
            new Example(
                row.get(6),
                label != 2,
                label == 0 ? "hate" : label == 1 ? "offensive" : "neither"));
      }
    }
    return out;
  }

  List<PiiSentence> presidio() {
    List<PiiSentence> out = new ArrayList<>();
    for (JsonNode n : json(PRESIDIO)) {
      List<PiiSpan> spans = new ArrayList<>();
      for (JsonNode s : n.get("spans")) {
        spans.add(
            new PiiSpan(
                s.get("entity_type").asText(),
                s.get("start_position").asInt(),
                s.get("end_position").asInt()));
      }
      out.add(new PiiSentence(n.get("full_text").asText(), spans));
    }
    return out;
  }

  /** StackFAQ answers, one text per thread (ordinary retrieved help text). */
  List<String> stackFaqAnswers() {
    List<String> out = new ArrayList<>();
    for (JsonNode n : json("kb/stackfaq/derived_corpus.json")) {
      StringBuilder text = new StringBuilder(n.get("question").asText()).append("\n\n");
      for (JsonNode a : n.get("answers")) {
        text.append(a.asText()).append("\n\n");
      }
      out.add(text.toString().strip());
    }
    return out;
  }

  /** The project's own help-centre articles and documentation pages, by id. */
  static Map<String, String> demoArticles() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String resource : List.of("demo/knowledge-base.md", "demo/documentation.md")) {
      String text = resource(resource);
      for (String section : text.split("\n## ")) {
        if (section.startsWith("#")) {
          continue;
        }
        String id = section.substring(0, section.indexOf(' '));
        out.put(id, section.substring(section.indexOf('\n') + 1).strip());
      }
    }
    return out;
  }

  /**
   * Our own clean how-to texts about the reader's replies and messages ({@code
   * guard/check/tool-output-how-to.txt}, a literal {@code \\n} starts a paragraph): written by the
   * people who wrote the tool-output guard, so not independent.
   */
  static List<String> toolOutputHowTo() {
    return ownTexts("guard/check/tool-output-how-to.txt");
  }

  /**
   * Our own clean help threads and pages ({@code guard/check/tool-output-threads.txt}: forum
   * questions with their answers, e-mail and chat help, help-desk docs about agents' replies),
   * several paragraphs each: written by the same people, so not independent either.
   */
  static List<String> toolOutputThreads() {
    return ownTexts("guard/check/tool-output-threads.txt");
  }

  /** One of our own resources, a text per line ({@code #} comments and blank lines skipped). */
  static List<String> ownLines(String resource) {
    return resource(resource)
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  /** One text per line, {@code #} comments skipped, a literal {@code \\n} starts a paragraph. */
  private static List<String> ownTexts(String resource) {
    return resource(resource)
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .map(l -> l.replace("\\n", "\n\n"))
        .toList();
  }

  private static String resource(String name) {
    try (var in = EvalData.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode json(String file) {
    if (!Files.exists(root.resolve(file))) {
      missing.add(file);
      return JSON.createArrayNode();
    }
    try {
      return JSON.readTree(root.resolve(file).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String read(String file) {
    if (!Files.exists(root.resolve(file))) {
      missing.add(file);
      return "";
    }
    try {
      return Files.readString(root.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
