package io.frontdesk.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A job claimed by one replica is skipped by the others for its period. */
@QuarkusTest
class ClusterJobsTest {

  @Inject ClusterJobs jobs;

  @Test
  void ofClaimsMadeAtOnceForOnePeriodExactlyOneWins() {
    String job = "test-" + UUID.randomUUID();
    // as many replicas' schedulers firing at the same moment, on separate connections
    List<Boolean> claims =
        Uni.join()
            .all(
                List.of(
                    jobs.claim(job, Duration.ofHours(1)),
                    jobs.claim(job, Duration.ofHours(1)),
                    jobs.claim(job, Duration.ofHours(1)),
                    jobs.claim(job, Duration.ofHours(1))))
            .andCollectFailures()
            .await()
            .atMost(Duration.ofSeconds(30));
    assertEquals(1, claims.stream().filter(c -> c).count(), claims.toString());
    assertFalse(jobs.claim(job, Duration.ofHours(1)).await().atMost(Duration.ofSeconds(30)));
  }

  @Test
  void aClaimAfterThePeriodRunsAgain() {
    String job = "test-" + UUID.randomUUID();
    assertTrue(jobs.claim(job, Duration.ZERO).await().atMost(Duration.ofSeconds(30)));
    assertTrue(jobs.claim(job, Duration.ZERO).await().atMost(Duration.ofSeconds(30)));
  }
}
