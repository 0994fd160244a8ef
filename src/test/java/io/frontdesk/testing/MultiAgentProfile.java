package io.frontdesk.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The default topology: triage and specialists (one more application start for these tests). */
public class MultiAgentProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("frontdesk.agent.topology", "multi");
  }
}
