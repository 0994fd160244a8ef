package io.frontdesk.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The default topology: triage and specialists (one more application start for these tests). */
public class MultiAgentProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    // the production turn time: a timeout is tested by expiring the deadline (ExpirableDeadline),
    // never by a slow reply racing a short one, which a busy machine turns into a flake
    // traces on (recorded in memory by RecordingSpanExporter) for the span tree of TurnTraceTest
    return Map.of("frontdesk.agent.topology", "multi", "quarkus.otel.sdk.disabled", "false");
  }
}
