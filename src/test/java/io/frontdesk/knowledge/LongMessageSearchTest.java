package io.frontdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A customer's whole message, its question buried in other topics, finds its article (#27). */
@QuarkusTest
class LongMessageSearchTest {

  // context about invoices, VAT and annual billing around a question about exit code 137
  private static final String MESSAGE =
      "Hi, I'm writing from the finance side of our company. We had a long meeting this morning"
          + " about our invoices, the VAT number that is missing on them and whether we should"
          + " switch to annual billing, but that can wait until next month. The thing I actually"
          + " need today: our report worker was killed again last night with exit code 137 while"
          + " it loaded a big CSV file. Is that a memory problem and what should we do about it?"
          + " Thanks, and sorry for the long message, Maria";

  @Inject KnowledgeService knowledge;

  @Test
  void aLongMessageWithItsQuestionAmongOtherTopicsFindsItsArticleInTheFirstFive() {
    List<SearchHit> hits =
        knowledge
            .search(Collection.KNOWLEDGE_BASE, MESSAGE, 5)
            .await()
            .atMost(Duration.ofSeconds(30));

    List<String> ids = hits.stream().map(SearchHit::id).toList();
    assertTrue(ids.contains("KB-1038"), "exit code 137 article among " + ids);
  }
}
