package io.frontdesk.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FusionTest {

  private static final SearchConfig.Focus FOCUS =
      new SearchConfig.Focus() {
        public boolean enabled() {
          return true;
        }

        public double delta() {
          return 0.05;
        }

        public double minSimilarity() {
          return 0.6;
        }

        public double denseWeight() {
          return 1.0;
        }

        public double fullTextWeight() {
          return 0.0;
        }

        public double wholeFullTextWeight() {
          return 0.0;
        }
      };

  private static final SearchConfig.LongQuery LONG =
      new SearchConfig.LongQuery() {
        public int words() {
          return 30;
        }

        public double denseWeight() {
          return 0.25;
        }

        public double fullTextWeight() {
          return 1.0;
        }

        public double minSimilarity() {
          return 0.0;
        }

        public SearchConfig.Focus focus() {
          return FOCUS;
        }
      };

  private static final SearchConfig CONFIG =
      new SearchConfig() {
        public double denseWeight() {
          return 1.0;
        }

        public double fullTextWeight() {
          return 0.25;
        }

        public int rrfK() {
          return 60;
        }

        public double minSimilarity() {
          return 0.4;
        }

        public int candidates() {
          return 20;
        }

        public LongQuery longQuery() {
          return LONG;
        }
      };

  private static String words(int n) {
    return String.join(" ", IntStream.range(0, n).mapToObj(i -> "word" + i).toList());
  }

  @Test
  void aShortQuestionKeepsTheConfiguredFusion() {
    assertEquals(new Fusion(1.0, 0.25, 0.4), Fusion.forQuery(CONFIG, words(29)));
  }

  @Test
  void aMessageOfThirtyWordsIsFocusedAndOtherwiseLedByItsWordsWithNoSimilarityFloor() {
    assertEquals(
        new Fusion(0.25, 1.0, 0.0, new Fusion.Focus(0.05, 0.6, 1.0, 0.0, 0.0)),
        Fusion.forQuery(CONFIG, " " + words(30) + "\n"));
  }

  /**
   * Why a long message can no longer fall below keyword search: with the long-query weights, a
   * document found by meaning alone ranks below all 20 word matches, so meaning only re-orders what
   * the words found.
   */
  @Test
  void withLongQueryWeightsADocumentFoundOnlyByMeaningRanksBelowEveryWordMatch() {
    List<DenseIndex.Hit> meaning =
        IntStream.range(0, 20)
            .mapToObj(i -> new DenseIndex.Hit("m" + i, "t", "g", "p", 0.9 - i / 100.0))
            .toList();
    List<SearchHit> words =
        IntStream.range(0, 20).mapToObj(i -> new SearchHit("w" + i, "t", "g", "p", 1, 0)).toList();

    List<String> ids =
        HybridRanking.merge(meaning, words, 0.25, 1.0, 60, 40).stream().map(SearchHit::id).toList();

    assertEquals(words.stream().map(SearchHit::id).toList(), ids.subList(0, 20));
  }
}
