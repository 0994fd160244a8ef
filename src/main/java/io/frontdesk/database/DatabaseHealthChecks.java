package io.frontdesk.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * The database in the health endpoints. Readiness is DOWN while the database is unreachable (the
 * load balancer stops sending requests here). Liveness is DOWN only when this process cannot
 * recover by itself: its embedded PostgreSQL could not be restarted for {@code
 * frontdesk.database.restart-give-up-after}. An external database that is down keeps liveness UP:
 * restarting this replica would not bring the database back (the pool reconnects when it returns),
 * and restarting every replica at once during a database outage only adds load.
 */
@ApplicationScoped
class DatabaseHealthChecks {

  private static final Logger LOG = Logger.getLogger(DatabaseHealthChecks.class);
  private static final String NAME = "Database";

  private final DatabaseConfig config;
  private final AtomicBoolean gaveUp = new AtomicBoolean();

  DatabaseHealthChecks(DatabaseConfig config) {
    this.config = config;
  }

  @Produces
  @Readiness
  HealthCheck readiness() {
    return () -> {
      HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
      if (!DatabaseOutage.isDown()) {
        return response.up().build();
      }
      return response
          .down()
          .withData("cause", String.valueOf(DatabaseOutage.cause()))
          .withData("down-for-seconds", DatabaseOutage.downFor().toSeconds())
          .build();
    };
  }

  @Produces
  @Liveness
  HealthCheck liveness() {
    return () -> {
      HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME + " recovery");
      Duration failing = EmbeddedDatabase.restartFailingFor();
      if (failing.compareTo(config.restartGiveUpAfter()) < 0) {
        gaveUp.set(false);
        return response.up().build();
      }
      if (gaveUp.compareAndSet(false, true)) {
        LOG.errorf(
            "The embedded PostgreSQL could not be restarted for %d s (%s); liveness is DOWN so"
                + " that this process is restarted",
            failing.toSeconds(), EmbeddedDatabase.lastRestartFailure());
      }
      return response
          .down()
          .withData("embedded-restart-failing-for-seconds", failing.toSeconds())
          .withData("last-failure", String.valueOf(EmbeddedDatabase.lastRestartFailure()))
          .build();
    };
  }
}
