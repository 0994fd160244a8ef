package io.frontdesk.guard;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;

/** Guard pipelines for plain unit tests, configured like the application. */
public final class GuardFixtures {

  private GuardFixtures() {}

  /** The pipeline as configured by the given properties on top of the defaults. */
  public static GuardPipeline pipeline(Map<String, String> properties, MeterRegistry metrics) {
    GuardConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(GuardConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 500))
            .build()
            .getConfigMapping(GuardConfig.class);
    return new GuardPipeline(
        config,
        new InjectionDetector(),
        new ToxicityDetector(),
        new PiiRedactor(),
        new PromptLeakDetector(),
        new ToolOutputGuard(),
        metrics);
  }
}
