package io.frontdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FocusedQueryTest {

  private static DenseIndex.Hit hit(String id, double similarity) {
    return new DenseIndex.Hit(id, "t" + id, "g", "passage " + id, similarity);
  }

  @Test
  void aMessageIsCutIntoSentencesOfAtLeastThreeWords() {
    assertEquals(
        List.of(
            "I run a small shop on Skyline.", "How do I reset my password?", "Thanks a lot, Maria"),
        FocusedQuery.sentences(
            "Hi! I run a small shop on Skyline. How do I reset my password?\nThanks a lot, Maria"));
  }

  @Test
  void aMessageWithoutAnySentenceOfThreeWordsIsOneSentence() {
    assertEquals(List.of("Hello there"), FocusedQuery.sentences(" Hello there "));
  }

  @Test
  void onlyTheSentencesNearTheBestOneAreKeptAndTheirDocumentsRankedByTheirBestPassage() {
    FocusedQuery focus =
        FocusedQuery.of(
            List.of("Hi, hope you are well.", "My worker died with exit code 137.", "Why?"),
            List.of(
                List.of(hit("KB-1", 0.31), hit("KB-2", 0.20)),
                List.of(hit("KB-9", 0.72), hit("KB-1", 0.40)),
                List.of(hit("KB-1", 0.69), hit("KB-9", 0.50))),
            0.05,
            10);

    assertEquals("My worker died with exit code 137. Why?", focus.text());
    assertEquals(List.of("KB-9", "KB-1"), focus.dense().stream().map(h -> h.documentId()).toList());
    assertEquals(0.69, focus.dense().get(1).similarity(), 1e-12);
  }

  @Test
  void withNoSentenceNearAnyPassageTheWholeMessageIsTheQueryAndMeaningFindsNothing() {
    FocusedQuery focus =
        FocusedQuery.of(
            List.of("Hi there friend.", "Thanks a lot!"), List.of(List.of(), List.of()), 0.05, 10);

    assertEquals("Hi there friend. Thanks a lot!", focus.text());
    assertEquals(List.of(), focus.dense());
  }

  @Test
  void severalWordRankingsAreFusedByWeightAndADocumentKeepsAQuotedPassage() {
    List<SearchHit> focused =
        List.of(
            new SearchHit("b", "tb", "g", null, 0.2, 0),
            new SearchHit("c", "tc", "g", "c words", 0.1, 0));
    List<SearchHit> whole =
        List.of(
            new SearchHit("c", "tc", "g", null, 0.3, 0),
            new SearchHit("b", "tb", "g", "b words", 0.1, 0));

    List<SearchHit> hits =
        HybridRanking.merge(
            List.of(hit("a", 0.5)), List.of(focused, whole), 1, new double[] {1, 0.5}, 60, 3);

    assertEquals(List.of("b", "c", "a"), hits.stream().map(SearchHit::id).toList());
    assertEquals("b words", hits.get(0).passage());
    assertEquals("c words", hits.get(1).passage());
    assertEquals(1.0 / 61 + 0.5 / 62, hits.get(0).score(), 1e-12);
  }
}
