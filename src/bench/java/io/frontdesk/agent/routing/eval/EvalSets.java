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
 * Reads the public labelled sets under {@code ../shared/eval} (never copied into the repository). A
 * set that is not there is reported as skipped, with the path that was looked at.
 */
final class EvalSets {

  /** A StackFAQ thread (question and answers) and the queries whose gold it is. */
  record FaqDocument(String id, String question, String answers) {}

  /** A query and the id of the document that answers it. */
  record Query(String text, String gold) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final List<String> skipped = new ArrayList<>();

  EvalSets(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** Notes about sets that were not found. */
  List<String> skipped() {
    return skipped;
  }

  Optional<List<Labelled>> banking77() {
    return file("intents/banking77/train.csv", "BANKING77")
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
    return file("intents/clinc150/clinc150_train_val.json", "CLINC150")
        .map(
            text -> {
              Map<String, List<Labelled>> out = new LinkedHashMap<>();
              JsonNode node = json(text);
              node.fields()
                  .forEachRemaining(
                      split -> {
                        List<Labelled> rows = new ArrayList<>();
                        split
                            .getValue()
                            .forEach(
                                pair ->
                                    rows.add(
                                        new Labelled(pair.get(0).asText(), pair.get(1).asText())));
                        out.put(split.getKey(), rows);
                      });
              return out;
            });
  }

  Optional<List<FaqDocument>> stackFaqCorpus() {
    return file("kb/stackfaq/derived_corpus.json", "StackFAQ corpus")
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

  Optional<List<Query>> stackFaqQueries() {
    return file("kb/stackfaq/derived_queries.jsonl", "StackFAQ queries")
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

  private Optional<String> file(String relative, String name) {
    Path path = root.resolve(relative);
    if (!Files.isRegularFile(path)) {
      skipped.add("%s skipped: %s not found".formatted(name, path.toAbsolutePath().normalize()));
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
