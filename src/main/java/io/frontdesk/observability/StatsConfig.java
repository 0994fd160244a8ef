package io.frontdesk.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** The support KPIs ({@code GET /api/v1/admin/stats}): what a token costs. */
@ConfigMapping(prefix = "frontdesk.stats")
public interface StatsConfig {

  /** The model whose prices apply (the conversations' model). */
  @WithDefault("${frontdesk.agent.model:gpt-4o-mini}")
  String model();

  /** Currency of the prices. */
  @WithDefault("USD")
  String currency();

  /** Price per million tokens, by model name; a model missing here costs 0 (reported). */
  Map<String, Price> prices();

  /** One model's price per million input and output tokens. */
  interface Price {

    /** Per million prompt tokens (customer messages, tool results, system notes). */
    double inputPerMillion();

    /** Per million completion tokens (the agents' messages). */
    double outputPerMillion();
  }
}
