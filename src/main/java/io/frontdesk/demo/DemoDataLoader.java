package io.frontdesk.demo;

import io.frontdesk.startup.StartupPhases;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Loads the demo data set at startup into an empty database, never over existing data. */
@ApplicationScoped
public class DemoDataLoader {

  private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);

  private final Pool pool;
  private final DemoDataRepository repository;
  private final DemoDataConfig config;

  DemoDataLoader(Pool pool, DemoDataRepository repository, DemoDataConfig config) {
    this.pool = pool;
    this.repository = repository;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    long start = System.nanoTime();
    int rows = pool.withTransaction(this::loadIfEmpty).await().atMost(Duration.ofMinutes(3));
    if (rows > 0) {
      LOG.infof("Loaded the demo data set: %d rows", rows);
    } else {
      LOG.info("Database already holds data; demo data not loaded");
    }
    StartupPhases.done("demo data", start, rows > 0 ? " (loaded)" : " (already there)");
  }

  private Uni<Integer> loadIfEmpty(SqlConnection conn) {
    return repository
        .lockLoading(conn)
        .chain(() -> repository.holdsData(conn))
        .chain(full -> full ? Uni.createFrom().item(0) : insertAll(conn));
  }

  private Uni<Integer> insertAll(SqlConnection conn) {
    Uni<Integer> total = Uni.createFrom().item(0);
    for (DemoTable table : DemoDataset.generate()) {
      total = total.chain(n -> repository.insert(conn, table).map(inserted -> n + inserted));
    }
    return total;
  }
}
