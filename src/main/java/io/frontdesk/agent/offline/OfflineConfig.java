package io.frontdesk.agent.offline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The offline model: answers without an LLM, from the router and the same tools. */
@ConfigMapping(prefix = "frontdesk.offline")
public interface OfflineConfig {

  /**
   * auto: offline when no model endpoint is configured (no API key and the default OpenAI URL);
   * always: never call a model; never: always call the configured endpoint.
   */
  @WithDefault("auto")
  Mode mode();

  /**
   * A knowledge passage is quoted only when its meaning matches the question this well (cosine of
   * the message and the best chunk); below it the question goes to a person.
   */
  @WithDefault("0.5")
  double minPassageSimilarity();

  /** When the offline model takes over. */
  enum Mode {
    AUTO,
    ALWAYS,
    NEVER
  }
}
