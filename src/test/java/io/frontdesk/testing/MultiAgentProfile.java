package io.frontdesk.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The default topology: triage and specialists (one more application start for these tests). */
public class MultiAgentProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    // a short turn timeout lets a test see it expire; every other turn here takes well under 1 s
    return Map.of("frontdesk.agent.topology", "multi", "frontdesk.agent.timeout", "5s");
  }
}
