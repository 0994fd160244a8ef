package io.frontdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HybridRankingTest {

  private static DenseIndex.Hit dense(String id, double similarity) {
    return new DenseIndex.Hit(id, "t" + id, "g", "meaning " + id, similarity);
  }

  private static SearchHit words(String id) {
    return new SearchHit(id, "t" + id, "g", "words " + id, 0.1, 0);
  }

  @Test
  void reciprocalRanksAreWeightedAndSummed() {
    Map<String, Double> fused = RankFusion.fuse(List.of("a", "b"), List.of("b", "c"), 1, 1, 60);
    assertEquals(List.of("b", "a", "c"), List.copyOf(fused.keySet()));
    assertEquals(1.0 / 62 + 1.0 / 61, fused.get("b"), 1e-12);
    assertEquals(1.0 / 61, fused.get("a"), 1e-12);
  }

  @Test
  void aRankingOfWeightZeroCountsForNothing() {
    assertEquals(
        List.of("a", "b"),
        List.copyOf(RankFusion.fuse(List.of("a", "b"), List.of("c"), 1, 0, 60).keySet()));
  }

  @Test
  void aDocumentIsQuotedByItsBestPassageInMeaningElseByItsWords() {
    List<SearchHit> hits =
        HybridRanking.merge(List.of(dense("a", 0.8)), List.of(words("b"), words("a")), 1, 1, 60, 5);
    assertEquals(List.of("a", "b"), hits.stream().map(SearchHit::id).toList());
    assertEquals("meaning a", hits.get(0).passage());
    assertEquals(0.8, hits.get(0).similarity(), 1e-12);
    assertEquals("words b", hits.get(1).passage());
    assertEquals(0.0, hits.get(1).similarity(), 1e-12);
  }

  @Test
  void theLimitIsKept() {
    assertEquals(
        1,
        HybridRanking.merge(List.of(dense("a", 0.5), dense("b", 0.4)), List.of(), 1, 1, 60, 1)
            .size());
  }
}
