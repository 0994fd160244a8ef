package io.frontdesk.model.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every agent's named model follows the default model configuration unless told otherwise. */
class AgentModelDefaultsTest {

  private static final String OPENAI = "quarkus.langchain4j.openai.";

  private static SmallRyeConfig config(Map<String, String> extra) {
    Map<String, String> yaml = new HashMap<>();
    yaml.put(OPENAI + "base-url", "http://models.internal/v1");
    yaml.put(OPENAI + "api-key", "${OPENAI_KEY_FOR_TEST:sk-default}");
    yaml.put(OPENAI + "timeout", "60s");
    yaml.put(OPENAI + "max-retries", "1");
    yaml.put(OPENAI + "log-requests", "false");
    yaml.put(OPENAI + "log-responses", "false");
    yaml.put(OPENAI + "chat-model.model-name", "${frontdesk.agent.model}");
    yaml.put(OPENAI + "chat-model.temperature", "0.2");
    yaml.put("frontdesk.agent.model", "gpt-4o-mini");
    yaml.putAll(extra);
    return new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .withSources(new AgentModelDefaults())
        .withSources(new PropertiesConfigSource(yaml, "application.yaml", 250))
        .build();
  }

  @Test
  void everyAgentFollowsTheDefaultEndpointKeyAndModel() {
    SmallRyeConfig config = config(Map.of());
    for (String agent : AgentModels.NAMES) {
      assertEquals(
          "http://models.internal/v1", config.getRawValue(OPENAI + agent + ".base-url"), agent);
      assertEquals("sk-default", config.getRawValue(OPENAI + agent + ".api-key"), agent);
      assertEquals("60s", config.getRawValue(OPENAI + agent + ".timeout"), agent);
      assertEquals("1", config.getRawValue(OPENAI + agent + ".max-retries"), agent);
      assertEquals(
          "gpt-4o-mini", config.getRawValue(OPENAI + agent + ".chat-model.model-name"), agent);
      assertEquals("0.2", config.getRawValue(OPENAI + agent + ".chat-model.temperature"), agent);
    }
  }

  @Test
  void oneAgentsModelAndAnyOfItsKeysCanBeSetForItAlone() {
    SmallRyeConfig config =
        config(
            Map.of(
                "frontdesk.agents.billing.model",
                "gpt-4o",
                OPENAI + "technical.base-url",
                "http://ollama:11434/v1"));
    assertEquals("gpt-4o", config.getRawValue(OPENAI + "billing.chat-model.model-name"));
    assertEquals("gpt-4o-mini", config.getRawValue(OPENAI + "triage.chat-model.model-name"));
    assertEquals("http://ollama:11434/v1", config.getRawValue(OPENAI + "technical.base-url"));
    assertEquals("http://models.internal/v1", config.getRawValue(OPENAI + "billing.base-url"));
  }
}
