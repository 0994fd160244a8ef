package io.frontdesk.startup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service whose embedding model, loaded in parallel with the database and the
 * framework, fails to load: the start fails with that reason and the service never listens.
 */
class StartupFailureIT {

  @Test
  void aFailingParallelPhaseFailsTheStartInsteadOfComingUpWithoutIt(@TempDir Path dir)
      throws Exception {
    ServiceProcess broken =
        ServiceProcess.launch(
            dir,
            "broken-embedding",
            Map.of(
                // the message window refuses a head of 0 tokens: the preload fails
                "FRONTDESK_EMBEDDING_MESSAGE_HEAD_TOKENS",
                "0",
                "FRONTDESK_EMBEDDED_DATABASE_DATA_DIR",
                dir.resolve("pg").toString()));
    int exit = broken.awaitExit(Duration.ofMinutes(3));
    String log = broken.log();
    assertNotEquals(0, exit, "it must not start");
    assertTrue(log.contains("window needs head >= 1"), log);
    assertFalse(log.contains("Listening on"), log);
    assertFalse(log.contains("Startup phase router"), log);
  }
}
