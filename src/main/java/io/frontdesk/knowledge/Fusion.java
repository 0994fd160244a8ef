package io.frontdesk.knowledge;

import java.util.regex.Pattern;

/**
 * The weights and dense threshold one query is searched with, by its length (issue 27); a long
 * query may be focused ({@link FocusedQuery}): then the dense and the full-text weights apply to
 * its focused sentences, and {@code wholeFullTextWeight} to the words of the whole message.
 */
public record Fusion(double denseWeight, double fullTextWeight, double minSimilarity, Focus focus) {

  /**
   * The focus of a long query: which sentences are kept ({@code delta}), how near a passage the
   * best one must be for the focus to lead ({@code minBest}), and the weights of the kept
   * sentences' dense and full-text rankings and of the whole message's full-text ranking.
   */
  public record Focus(
      double delta,
      double minBest,
      double denseWeight,
      double fullTextWeight,
      double wholeFullTextWeight) {}

  /** A fusion of the whole query's rankings (no focus). */
  public Fusion(double denseWeight, double fullTextWeight, double minSimilarity) {
    this(denseWeight, fullTextWeight, minSimilarity, null);
  }

  /** Whether the query may be searched by its sentences nearest the help centre. */
  public boolean focused() {
    return focus != null;
  }

  private static final Pattern SPACE = Pattern.compile("\\s+");

  /**
   * The long-query fusion for a query of at least {@link SearchConfig.LongQuery#words()} words,
   * else the configured one. Short questions (the FAQ kind) keep meaning-led weights, on which the
   * defaults were chosen; a whole customer message is led by its words.
   */
  public static Fusion forQuery(SearchConfig config, String query) {
    SearchConfig.LongQuery longQuery = config.longQuery();
    if (longQuery.words() > 0 && words(query) >= longQuery.words()) {
      return new Fusion(
          longQuery.denseWeight(),
          longQuery.fullTextWeight(),
          longQuery.minSimilarity(),
          focus(longQuery.focus()));
    }
    return new Fusion(config.denseWeight(), config.fullTextWeight(), config.minSimilarity());
  }

  private static Focus focus(SearchConfig.Focus f) {
    return f.enabled()
        ? new Focus(
            f.delta(),
            f.minSimilarity(),
            f.denseWeight(),
            f.fullTextWeight(),
            f.wholeFullTextWeight())
        : null;
  }

  public static int words(String query) {
    String trimmed = query.strip();
    return trimmed.isEmpty() ? 0 : SPACE.split(trimmed).length;
  }
}
