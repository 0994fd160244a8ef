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
  // One replica loads; others starting at the same time wait on this lock and then see the data.
  private static final long LOAD_LOCK = 0x46_44_44_45_4d_4fL;

  private final Pool pool;
  private final DemoDataConfig config;

  DemoDataLoader(Pool pool, DemoDataConfig config) {
    this.pool = pool;
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
    return conn.query("select pg_advisory_xact_lock(" + LOAD_LOCK + ")")
        .execute()
        .chain(
            () ->
                conn.query(
                        "select exists(select 1 from customer) or exists(select 1 from kb_article)")
                    .execute())
        .chain(
            result ->
                result.iterator().next().getBoolean(0)
                    ? Uni.createFrom().item(0)
                    : insertAll(conn));
  }

  private static Uni<Integer> insertAll(SqlConnection conn) {
    Uni<Integer> total = Uni.createFrom().item(0);
    for (DemoTable table : DemoDataset.generate()) {
      total =
          total.chain(
              n ->
                  conn.preparedQuery(table.insertSql())
                      .executeBatch(table.rows())
                      .replaceWith(n + table.rows().size()));
    }
    return total;
  }
}
