package io.frontdesk.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted reciprocal rank fusion: a document scores {@code w / (k + rank)} in each ranking it
 * appears in (rank from 1), summed. Ranks, not raw scores, are combined, so full-text ranks and
 * cosine similarities need no common scale.
 */
public final class RankFusion {

  private RankFusion() {}

  /**
   * Every document of either ranking with its fused score, best first (a ranking of weight 0 adds
   * nothing); ties keep the dense order, then the full-text one.
   */
  public static LinkedHashMap<String, Double> fuse(
      List<String> dense, List<String> fullText, double denseWeight, double fullTextWeight, int k) {
    return fuseAll(List.of(dense, fullText), new double[] {denseWeight, fullTextWeight}, k);
  }

  /** Any number of rankings with their weights; ties keep the order of the rankings given. */
  public static LinkedHashMap<String, Double> fuseAll(
      List<List<String>> rankings, double[] weights, int k) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (int i = 0; i < rankings.size(); i++) {
      add(scores, rankings.get(i), weights[i], k);
    }
    List<Map.Entry<String, Double>> entries = new ArrayList<>(scores.entrySet());
    entries.sort(Map.Entry.comparingByValue((a, b) -> Double.compare(b, a)));
    LinkedHashMap<String, Double> out = new LinkedHashMap<>();
    entries.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static void add(Map<String, Double> scores, List<String> ranking, double weight, int k) {
    if (weight <= 0) {
      return;
    }
    for (int i = 0; i < ranking.size(); i++) {
      scores.merge(ranking.get(i), weight / (k + i + 1), Double::sum);
    }
  }
}
