package io.frontdesk.knowledge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Hybrid knowledge search: dense (embeddings of passages) and PostgreSQL full-text ranks, fused by
 * weighted reciprocal rank. Defaults come from reports/routing-evaluation.md.
 */
@ConfigMapping(prefix = "frontdesk.knowledge.search")
public interface SearchConfig {

  /** Weight of the dense (meaning) ranking; 0 turns it off. */
  @WithDefault("1.0")
  double denseWeight();

  /** Weight of the full-text (words) ranking; 0 turns it off. */
  @WithDefault("0.25")
  double fullTextWeight();

  /** The k of reciprocal rank fusion: larger flattens the advantage of the first ranks. */
  @WithDefault("60")
  int rrfK();

  /** Passages less similar than this to the query are not dense candidates at all. */
  @WithDefault("0.4")
  double minSimilarity();

  /** How many candidates each ranking contributes before fusion. */
  @WithDefault("20")
  int candidates();

  /** The fusion for a long query (a customer's whole message), instead of the settings above. */
  LongQuery longQuery();

  /**
   * A long message dilutes its meaning with greetings and context, so its one vector finds the
   * wrong articles while its words still find the right one (issue 27): words lead, and the dense
   * ranking only re-orders what the words found.
   */
  interface LongQuery {

    /** A query of at least this many words is long; 0 turns the long-query fusion off. */
    @WithDefault("30")
    int words();

    /** Weight of the dense ranking for a long query. */
    @WithDefault("0.25")
    double denseWeight();

    /** Weight of the full-text ranking for a long query. */
    @WithDefault("1.0")
    double fullTextWeight();

    /**
     * Minimum similarity of a dense candidate for a long query: a long message is less similar to
     * every passage, and with words leading a weak dense candidate cannot push a word match out.
     */
    @WithDefault("0.0")
    double minSimilarity();

    /** Searching a long message by its sentences nearest the help centre ({@link FocusedQuery}). */
    Focus focus();
  }

  /**
   * Focus (issue 27): a long message's sentences are embedded one by one; those whose nearest
   * passage is within {@link #delta} of the best sentence's are the message's focus. When the best
   * sentence is near enough a passage ({@link #minSimilarity}) the focus leads the ranking, else
   * the long-query fusion of the whole message above is used (the meaning is unsure, the words
   * lead).
   */
  interface Focus {

    /**
     * Off by default: on the developer sets focus beat the words-led fusion on the derived set but
     * lost the question to a sentence about another article (docs-pending/i27-long.md).
     */
    @WithDefault("false")
    boolean enabled();

    /** Sentences within this cosine of the best sentence's nearest passage are kept. */
    @WithDefault("0.05")
    double delta();

    /** The best sentence's nearest passage must be at least this similar for the focus to lead. */
    @WithDefault("0.6")
    double minSimilarity();

    /** Weight of the kept sentences' dense ranking. */
    @WithDefault("1.0")
    double denseWeight();

    /** Weight of the kept sentences' full-text ranking. */
    @WithDefault("0.0")
    double fullTextWeight();

    /** Weight of the whole message's full-text ranking beside them. */
    @WithDefault("0.0")
    double wholeFullTextWeight();
  }
}
