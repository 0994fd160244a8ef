package io.frontdesk.knowledge;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.frontdesk.toolgate.ToolOutput;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** What a knowledge tool returns to the model: a one-line summary and the matching passages. */
@RegisterForReflection
public record KnowledgeAnswer(String summary, List<Passage> results) implements ToolOutput {

  /**
   * One matching document as the model sees it; its similarity to the query (cosine) is for the
   * offline model, which quotes a passage only when it is close enough, and is not shown.
   */
  @RegisterForReflection
  public record Passage(
      String id, String title, String category, String passage, @JsonIgnore double similarity) {}

  static KnowledgeAnswer of(String noun, String none, List<SearchHit> hits) {
    if (hits.isEmpty()) {
      return new KnowledgeAnswer(none, List.of());
    }
    List<Passage> passages =
        hits.stream()
            .map(
                h -> new Passage(h.id(), h.title(), h.group(), h.passage().strip(), h.similarity()))
            .toList();
    return new KnowledgeAnswer("Found %d %s".formatted(hits.size(), noun), passages);
  }
}
