package io.frontdesk.agent.offline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OfflineModeTest {

  private static final String OPENAI = "https://api.openai.com/v1";

  @Test
  void autoIsOfflineWithoutAKeyForTheDefaultEndpoint() {
    assertTrue(OfflineMode.decide(OfflineConfig.Mode.AUTO, OfflineMode.NO_KEY, OPENAI));
    assertTrue(OfflineMode.decide(OfflineConfig.Mode.AUTO, "", OPENAI + "/"));
    assertTrue(OfflineMode.decide(OfflineConfig.Mode.AUTO, null, null));
  }

  @Test
  void aKeyOrAnotherEndpointMeansAModelIsConfigured() {
    assertFalse(OfflineMode.decide(OfflineConfig.Mode.AUTO, "sk-live", OPENAI));
    assertFalse(
        OfflineMode.decide(
            OfflineConfig.Mode.AUTO, OfflineMode.NO_KEY, "http://localhost:11434/v1"));
  }

  @Test
  void alwaysAndNeverOverrule() {
    assertTrue(OfflineMode.decide(OfflineConfig.Mode.ALWAYS, "sk-live", OPENAI));
    assertFalse(OfflineMode.decide(OfflineConfig.Mode.NEVER, OfflineMode.NO_KEY, OPENAI));
  }
}
