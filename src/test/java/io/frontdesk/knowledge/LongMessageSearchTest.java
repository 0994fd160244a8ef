package io.frontdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

  // the question about a stuck deploy among greetings, a story and thanks
  private static final String STUCK_DEPLOY =
      "Good morning, hope your week is going better than mine. I'm the only developer at a small"
          + " bakery chain and I spent the whole evening on this instead of at home. My deploy has"
          + " been stuck in the building phase for forty minutes and nothing moves at all. Sorry"
          + " for the rant, and many thanks in advance, Tom";

  private static final Fusion WORDS_LED = new Fusion(0.25, 1.0, 0.0);

  private List<String> ids(String message, Fusion fusion) {
    Optional<QueryVectors> vectors = knowledge.embedded(message, fusion.focused());
    return knowledge
        .search(Collection.KNOWLEDGE_BASE, message, 5, vectors, fusion)
        .await()
        .atMost(Duration.ofSeconds(30))
        .stream()
        .map(SearchHit::id)
        .toList();
  }

  @Test
  void aFocusedLongMessageIsRankedByItsSentenceNearestTheHelpCentre() {
    Fusion focus = new Fusion(0.25, 1.0, 0.0, new Fusion.Focus(0.05, 0.6, 1.0, 0.0, 0.0));

    List<String> ids = ids(STUCK_DEPLOY, focus);

    assertEquals("KB-1037", ids.getFirst(), "the stuck-deploy article first among " + ids);
  }

  @Test
  void aFocusWhoseBestSentenceIsNotNearEnoughAnyPassageSearchesTheWholeMessageByItsWords() {
    Fusion unsure = new Fusion(0.25, 1.0, 0.0, new Fusion.Focus(0.05, 1.01, 1.0, 0.0, 0.0));

    assertEquals(ids(STUCK_DEPLOY, WORDS_LED), ids(STUCK_DEPLOY, unsure));
  }

  @Test
  void aFocusedSearchWithWordsQuotesEveryResultByAPassage() {
    Fusion focus = new Fusion(0.25, 1.0, 0.0, new Fusion.Focus(0.05, 0.0, 1.0, 1.0, 0.5));
    Optional<QueryVectors> vectors = knowledge.embedded(STUCK_DEPLOY, true);

    List<SearchHit> hits =
        knowledge
            .search(Collection.KNOWLEDGE_BASE, STUCK_DEPLOY, 5, vectors, focus)
            .await()
            .atMost(Duration.ofSeconds(30));

    assertEquals(5, hits.size());
    assertTrue(vectors.orElseThrow().sentences().size() >= 3, vectors.toString());
    hits.forEach(h -> assertTrue(h.passage() != null && !h.passage().isBlank(), h.toString()));
  }
}
