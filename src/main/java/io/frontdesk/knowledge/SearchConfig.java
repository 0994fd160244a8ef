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
}
