package io.frontdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

  /**
   * What lets the full-text query quote only its first {@code limit} rows ({@link
   * KnowledgeRepository#fullTextSql}): whatever the weights and the overlap, a result quoted by its
   * words is among the first {@code limit} full-text ranks.
   */
  @Test
  void aResultQuotedByItsWordsIsAmongTheFirstLimitFullTextRanks() {
    Random random = new Random(11);
    for (int round = 0; round < 2_000; round++) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        ids.add("d" + i);
      }
      Collections.shuffle(ids, random);
      List<DenseIndex.Hit> meaning = new ArrayList<>();
      for (String id : ids.subList(0, random.nextInt(12))) {
        meaning.add(dense(id, 0.5));
      }
      Collections.shuffle(ids, random);
      List<SearchHit> words =
          ids.subList(0, random.nextInt(21)).stream().map(id -> words(id)).toList();
      int limit = 1 + random.nextInt(6);
      double denseWeight = random.nextDouble() * 2;
      double fullTextWeight = random.nextDouble() * 2;
      for (SearchHit hit :
          HybridRanking.merge(meaning, words, denseWeight, fullTextWeight, 60, limit)) {
        if (hit.passage().startsWith("words ")) {
          int rank = words.stream().map(SearchHit::id).toList().indexOf(hit.id());
          assertTrue(
              rank < limit, "round " + round + ": " + hit.id() + " at full-text rank " + rank);
        }
      }
    }
  }
}
