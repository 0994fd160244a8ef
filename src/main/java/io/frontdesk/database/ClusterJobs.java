package io.frontdesk.database;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Runs a scheduled job once per period across replicas: every replica's scheduler fires, and the
 * one whose claim on the job's row succeeds runs it; the others see a run within the period and
 * skip. Concurrent claims serialise on the row, so exactly one wins.
 */
@ApplicationScoped
public class ClusterJobs {

  private final Pool pool;
  private final MeterRegistry registry;

  ClusterJobs(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    this.registry = registry;
  }

  /**
   * Claims the job for this period: true when no replica ran it in the last {@code period} (this
   * one runs it now), false otherwise.
   */
  public Uni<Boolean> claim(String job, Duration period) {
    return pool.preparedQuery(
            "insert into scheduled_job (name, last_run) values ($1, now()) on conflict (name) do"
                + " update set last_run = now() where scheduled_job.last_run <= now() -"
                + " make_interval(secs => $2) returning name")
        .execute(Tuple.of(job, period.toMillis() / 1000.0))
        .map(rows -> rows.rowCount() > 0)
        .invoke(
            claimed ->
                registry
                    .counter(
                        "frontdesk.scheduled.jobs", "job", job, "run", claimed ? "ran" : "skipped")
                    .increment());
  }
}
