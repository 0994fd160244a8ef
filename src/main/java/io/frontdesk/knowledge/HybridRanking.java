package io.frontdesk.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the dense and the full-text results of one query into one ranking (weighted reciprocal
 * rank fusion). A document is quoted by its best passage in meaning, else by its full-text extract.
 */
public final class HybridRanking {

  private HybridRanking() {}

  /**
   * The first {@code limit} documents of the fused ranking. A document found by words alone is
   * quoted by its words passage, and only one among the first {@code limit} full-text ranks can be
   * in the result: every document ranked above it in words scores more after fusion too (a dense
   * rank only adds), so it is in the result as well.
   */
  public static List<SearchHit> merge(
      List<DenseIndex.Hit> dense,
      List<SearchHit> fullText,
      double denseWeight,
      double fullTextWeight,
      int k,
      int limit) {
    return merge(dense, List.of(fullText), denseWeight, new double[] {fullTextWeight}, k, limit);
  }

  /**
   * A dense ranking and several full-text ones (a long message's focused and whole words) fused by
   * weight. A document is quoted by its best passage in meaning, else by the first words passage
   * found for it; one found only beyond the words' quoted ranks has none (null).
   */
  public static List<SearchHit> merge(
      List<DenseIndex.Hit> dense,
      List<List<SearchHit>> fullText,
      double denseWeight,
      double[] fullTextWeights,
      int k,
      int limit) {
    Map<String, DenseIndex.Hit> byMeaning = new LinkedHashMap<>();
    dense.forEach(h -> byMeaning.put(h.documentId(), h));
    Map<String, SearchHit> byWords = new LinkedHashMap<>();
    List<List<String>> rankings = new ArrayList<>();
    rankings.add(new ArrayList<>(byMeaning.keySet()));
    double[] weights = new double[fullText.size() + 1];
    weights[0] = denseWeight;
    for (int i = 0; i < fullText.size(); i++) {
      rankings.add(fullText.get(i).stream().map(SearchHit::id).distinct().toList());
      weights[i + 1] = fullTextWeights[i];
      for (SearchHit h : fullText.get(i)) {
        byWords.merge(h.id(), h, (a, b) -> a.passage() != null ? a : b);
      }
    }
    List<SearchHit> out = new ArrayList<>();
    for (Map.Entry<String, Double> e : RankFusion.fuseAll(rankings, weights, k).entrySet()) {
      if (out.size() == limit) {
        break;
      }
      DenseIndex.Hit meaning = byMeaning.get(e.getKey());
      SearchHit words = byWords.get(e.getKey());
      out.add(
          meaning != null
              ? new SearchHit(
                  meaning.documentId(),
                  meaning.title(),
                  meaning.group(),
                  meaning.passage(),
                  e.getValue(),
                  meaning.similarity())
              : new SearchHit(
                  words.id(), words.title(), words.group(), words.passage(), e.getValue(), 0));
    }
    return out;
  }
}
