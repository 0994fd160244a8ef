package io.frontdesk.telemetry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Estimated model cost: USD per million input and output tokens, per model name. */
@ApplicationScoped
public class ModelPrices {

  /** Prices from config ({@code frontdesk.metrics.prices.<model>.input|output}). */
  @ConfigMapping(prefix = "frontdesk.metrics")
  public interface Config {

    /** USD per million tokens, by model name (a model not listed costs nothing here). */
    Map<String, Price> prices();

    /** One model's prices. */
    interface Price {
      /** USD per million input (prompt) tokens. */
      @WithDefault("0")
      double input();

      /** USD per million output (completion) tokens. */
      @WithDefault("0")
      double output();
    }
  }

  private final Config config;

  ModelPrices(Config config) {
    this.config = config;
  }

  /** The estimated price of these tokens; 0 for a model without a configured price. */
  public double cost(String model, long input, long output) {
    Config.Price price = config.prices().get(model);
    if (price == null) {
      return 0;
    }
    return (input * price.input() + output * price.output()) / 1_000_000.0;
  }
}
