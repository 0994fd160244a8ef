package io.frontdesk.agent.routing.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.guard.eval.Csv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the labelled sets of a data folder ({@code FRONTDESK_EVAL_DIR}, default {@code
 * ../shared/eval}, never copied into the repository) in the formats of its README, reading only the
 * fields they require. A set that is not there gives a "not measured: <file> missing" note.
 */
final class EvalSets {

  /** A StackFAQ thread (question and answers) and the queries whose gold it is. */
  record FaqDocument(String id, String question, String answers) {}

  /** A query and the id of the document that answers it. */
  record Query(String text, String gold) {}

  static final String BANKING77 = "intents/banking77/train.csv";
  static final String CLINC150 = "intents/clinc150/clinc150_train_val.json";
  static final String STACKFAQ_CORPUS = "kb/stackfaq/derived_corpus.json";
  static final String STACKFAQ_QUERIES = "kb/stackfaq/derived_queries.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final List<String> skipped = new ArrayList<>();

  EvalSets(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** "not measured: ..." notes about sets (or parts of sets) that were not found. */
  List<String> skipped() {
    return skipped;
  }

  /** Notes a part of a set that was not found (e.g. a CLINC150 split), once. */
  void notMeasured(String what) {
    String note = "not measured: %s missing".formatted(what);
    if (!skipped.contains(note)) {
      skipped.add(note);
    }
  }

  Optional<List<Labelled>> banking77() {
    return file(BANKING77)
        .map(
            text -> {
              List<Labelled> out = new ArrayList<>();
              List<List<String>> rows = Csv.parse(text);
              for (List<String> row : rows.subList(1, rows.size())) {
                if (row.size() >= 2 && !row.get(0).isBlank()) {
                  out.add(new Labelled(row.get(0).strip(), row.get(1).strip()));
                }
              }
              return out;
            });
  }

  /** CLINC150 splits by name: train, val, oos_train, oos_val. */
  Optional<Map<String, List<Labelled>>> clinc150() {
    return file(CLINC150)
        .map(
            text -> {
              Map<String, List<Labelled>> out = new LinkedHashMap<>();
              JsonNode node = json(text);
              node.fields()
                  .forEachRemaining(
                      split -> {
                        List<Labelled> rows = new ArrayList<>();
                        for (JsonNode pair : split.getValue()) {
                          if (pair.isArray() && pair.size() >= 2) {
                            rows.add(new Labelled(pair.get(0).asText(), pair.get(1).asText()));
                          }
                        }
                        out.put(split.getKey(), rows);
                      });
              return out;
            });
  }

  Optional<List<FaqDocument>> stackFaqCorpus() {
    return file(STACKFAQ_CORPUS)
        .map(
            text -> {
              List<FaqDocument> out = new ArrayList<>();
              for (JsonNode n : json(text)) {
                StringBuilder answers = new StringBuilder();
                n.get("answers").forEach(a -> answers.append(a.asText().strip()).append("\n\n"));
                out.add(
                    new FaqDocument(
                        n.get("doc_id").asText(),
                        n.get("question").asText(),
                        answers.toString().strip()));
              }
              return out;
            });
  }

  /**
   * StackFAQ split into one article per answer (id {@code <thread>/<n>}, title the thread's
   * question, group the thread's id), rows as {@link RetrievalSection#corpus} reads them.
   */
  Optional<List<String[]>> stackFaqArticles() {
    return file(STACKFAQ_CORPUS)
        .map(
            text -> {
              List<String[]> out = new ArrayList<>();
              for (JsonNode n : json(text)) {
                String thread = n.get("doc_id").asText();
                int i = 0;
                for (JsonNode a : n.get("answers")) {
                  out.add(
                      new String[] {
                        thread + "/" + ++i,
                        n.get("question").asText(),
                        thread,
                        "",
                        a.asText().strip()
                      });
                }
              }
              return out;
            });
  }

  Optional<List<Query>> stackFaqQueries() {
    return file(STACKFAQ_QUERIES)
        .map(
            text -> {
              List<Query> out = new ArrayList<>();
              for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                  JsonNode n = json(line);
                  out.add(new Query(n.get("query").asText(), n.get("gold_doc_id").asText()));
                }
              }
              return out;
            });
  }

  private Optional<String> file(String relative) {
    Path path = root.resolve(relative);
    if (!Files.isRegularFile(path)) {
      notMeasured("`" + relative + "`");
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
