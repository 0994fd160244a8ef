package io.frontdesk.model.transport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Each agent's named model ({@code quarkus.langchain4j.openai.<agent>.*}, which quarkus-langchain4j
 * does not inherit from the default one) follows the default model configuration, so {@code
 * application.yaml} states the endpoint, key, timeout and model once and a new agent needs no block
 * of its own. The model name is {@code frontdesk.agents.<agent>.model} when set. Any source above
 * this one (application.yaml, env, system properties) may still set a key for one agent.
 */
public class AgentModelDefaults implements ConfigSource {

  static final String PREFIX = "quarkus.langchain4j.openai.";
  // below application.yaml (250) and the environment (300), above the extensions' defaults
  static final int ORDINAL = 150;

  // the keys of the default configuration an agent's model follows; each always has a value
  private static final Set<String> FOLLOWED =
      Set.of(
          "base-url",
          "api-key",
          "timeout",
          "max-retries",
          "log-requests",
          "log-responses",
          "chat-model.temperature");

  private final Map<String, String> properties;

  public AgentModelDefaults() {
    Map<String, String> all = new LinkedHashMap<>();
    for (String agent : AgentModels.NAMES) {
      for (String key : FOLLOWED) {
        all.put(PREFIX + agent + "." + key, "${" + PREFIX + key + "}");
      }
      all.put(
          PREFIX + agent + ".chat-model.model-name",
          "${frontdesk.agents." + agent + ".model:${" + PREFIX + "chat-model.model-name}}");
    }
    properties = Collections.unmodifiableMap(all);
  }

  @Override
  public Map<String, String> getProperties() {
    return properties;
  }

  @Override
  public Set<String> getPropertyNames() {
    return properties.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return properties.get(propertyName);
  }

  @Override
  public String getName() {
    return "frontdesk agent model defaults";
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }
}
