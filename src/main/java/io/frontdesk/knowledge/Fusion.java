package io.frontdesk.knowledge;

import java.util.regex.Pattern;

/** The weights and dense threshold one query is searched with: by its length (issue 27). */
public record Fusion(double denseWeight, double fullTextWeight, double minSimilarity) {

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
          longQuery.denseWeight(), longQuery.fullTextWeight(), longQuery.minSimilarity());
    }
    return new Fusion(config.denseWeight(), config.fullTextWeight(), config.minSimilarity());
  }

  static int words(String query) {
    String trimmed = query.strip();
    return trimmed.isEmpty() ? 0 : SPACE.split(trimmed).length;
  }
}
