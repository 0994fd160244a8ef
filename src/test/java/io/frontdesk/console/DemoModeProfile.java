package io.frontdesk.console;

import io.frontdesk.testing.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Demo mode as a fresh machine runs it: no key configured (the global test resources, which bring
 * the trusted test key, are off), a generated demo key, the offline model. One more application
 * start, for the demo sign-in only.
 */
public class DemoModeProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "frontdesk.security.demo-key-dir",
        Path.of(System.getProperty("java.io.tmpdir"), "frontdesk-demo-console-test").toString(),
        "quarkus.langchain4j.openai.api-key",
        "not-configured",
        "quarkus.langchain4j.openai.base-url",
        "https://api.openai.com/v1");
  }

  @Override
  public boolean disableGlobalTestResources() {
    return true;
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(PostgresTestResource.class));
  }
}
