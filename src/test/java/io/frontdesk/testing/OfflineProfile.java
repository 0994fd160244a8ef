package io.frontdesk.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * No model endpoint at all: no scripted model server (the global test resources are off), no API
 * key and the default OpenAI URL, as on a fresh machine, in the default multi topology. The service
 * must answer with its offline model.
 */
public class OfflineProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.langchain4j.openai.api-key", "not-configured",
        "quarkus.langchain4j.openai.base-url", "https://api.openai.com/v1",
        "frontdesk.agent.topology", "multi");
  }

  @Override
  public boolean disableGlobalTestResources() {
    return true;
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(
        new TestResourceEntry(TestKeys.Resource.class),
        new TestResourceEntry(PostgresTestResource.class));
  }
}
