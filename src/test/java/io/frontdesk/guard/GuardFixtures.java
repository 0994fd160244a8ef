package io.frontdesk.guard;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;

/** Guard pipelines for plain unit tests, configured like the application. */
public final class GuardFixtures {

  /** A system prompt like the support agent's, for prompt-leak tests. */
  public static final String PROMPT =
      """
      You are a Customer Support Specialist for Skyline, a cloud platform where customers deploy
      and run services. Look things up before answering and cite the article ids you used. Never
      invent policies, prices or account details that no tool returned. Answer briefly and
      concretely.
      """;

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

  /** A pipeline like {@code rules} (the same configuration) that also runs these heads. */
  public static GuardPipeline withHeads(GuardPipeline rules, EmbeddingHeads heads) {
    return rules.withHeads(heads);
  }
}
