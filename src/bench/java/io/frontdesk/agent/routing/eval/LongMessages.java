package io.frontdesk.agent.routing.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.knowledge.SearchHit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * The long-message retrieval set (src/bench/resources/retrieval/long-messages.jsonl, or a file of
 * the same format): messages with their gold ids, split into a tuning and a held-out half, and the
 * scores of a ranking over them.
 */
final class LongMessages {

  static final String RESOURCE = "retrieval/long-messages.jsonl";

  /** One message: its id, the ids that answer it, its text. */
  record Message(String id, Set<String> gold, String text) {

    /** Even CRC-32 of the id: the tuning half; odd: held out. */
    boolean tuning() {
      CRC32 crc = new CRC32();
      crc.update(id.getBytes(StandardCharsets.UTF_8));
      return crc.getValue() % 2 == 0;
    }
  }

  /** hit@5 (a gold id in the first 5), recall@5 (share of gold ids there), MRR, empty results. */
  record Scores(int n, double hit5, double recall5, double mrr, int nothing) {}

  private LongMessages() {}

  /** The messages of a JSONL file (fields id, gold, text; others ignored). */
  static List<Message> read(String jsonl) {
    ObjectMapper json = new ObjectMapper();
    List<Message> out = new ArrayList<>();
    for (String line : jsonl.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = json.readTree(line);
        Set<String> gold = new LinkedHashSet<>();
        node.get("gold").forEach(g -> gold.add(g.asText()));
        out.add(new Message(node.get("id").asText(), gold, node.get("text").asText()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  static List<Message> read(Path file) throws IOException {
    return read(Files.readString(file));
  }

  static List<Message> shipped() {
    return read(DemoRouteSection.resource(RESOURCE));
  }

  /** Scores a ranking (message to its hits, best first) over messages. */
  static Scores score(List<Message> messages, Function<Message, List<SearchHit>> ranking) {
    double hit = 0, recall = 0, mrr = 0;
    int nothing = 0;
    for (Message m : messages) {
      List<SearchHit> hits = ranking.apply(m);
      if (hits.isEmpty()) {
        nothing++;
      }
      int found = 0;
      boolean first = true;
      for (int rank = 0; rank < hits.size(); rank++) {
        if (m.gold().contains(hits.get(rank).id())) {
          if (first) {
            mrr += 1.0 / (rank + 1);
            hit += rank < 5 ? 1 : 0;
            first = false;
          }
          found += rank < 5 ? 1 : 0;
        }
      }
      recall += (double) found / m.gold().size();
    }
    int n = messages.size();
    return new Scores(n, hit / n, recall / n, mrr / n, nothing);
  }
}
