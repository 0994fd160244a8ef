package io.frontdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The full-text query builds a passage ({@code ts_headline}, which re-parses the whole body) only
 * for the first rows the search asks for: the other candidates are ranked, not quoted. Against the
 * demo knowledge base in the real PostgreSQL.
 */
@QuarkusTest
class FullTextPassageTest {

  // a sentence whose words (any of them) match many articles
  private static final String QUERY = "I was charged twice for my subscription this month";

  @Inject KnowledgeRepository repository;

  @Test
  void onlyTheFirstRowsCarryAPassage() {
    List<SearchHit> hits = search(20, 3);
    assertTrue(hits.size() > 3, "enough candidates to tell: " + hits.size());
    for (int i = 0; i < hits.size(); i++) {
      if (i < 3) {
        assertFalse(hits.get(i).passage().isBlank(), "row " + i + " is quoted");
      } else {
        assertNull(hits.get(i).passage(), "row " + i + " is ranked, not quoted");
      }
    }
  }

  @Test
  void theRankingDoesNotDependOnHowManyPassages() {
    List<String> quoted = search(20, 20).stream().map(SearchHit::id).toList();
    assertEquals(quoted, search(20, 1).stream().map(SearchHit::id).toList());
    assertTrue(search(20, 20).stream().allMatch(h -> h.passage() != null), "all 20 quoted");
  }

  private List<SearchHit> search(int limit, int passages) {
    return repository
        .search(Collection.KNOWLEDGE_BASE, QUERY, limit, passages)
        .await()
        .atMost(Duration.ofSeconds(10));
  }
}
