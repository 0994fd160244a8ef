package io.frontdesk.testing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Database faults a test installs at a named point: a trigger on one table that fails the insert of
 * matching rows (at once, or when the transaction commits), or holds it until the test lets go. The
 * condition is SQL over {@code new}, so a fault hits only the test's own rows. Closing the fault
 * removes it.
 */
public final class Faults {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private Faults() {}

  /** Inserting a matching row fails with a database error. */
  public static Fault failInsert(Pool pool, String table, String condition) {
    return install(
        pool, table, condition, "raise exception 'injected fault on %s'".formatted(table));
  }

  /** A transaction that inserted a matching row fails when it commits. */
  public static Fault failCommit(Pool pool, String table, String condition) {
    String name = name();
    execute(
        pool,
        function(name, condition, "raise exception 'injected fault at commit'")
            + "create constraint trigger %s after insert on %s deferrable initially deferred for each row execute function %s();"
                .formatted(name, table, name));
    return new Fault(pool, table, name);
  }

  /**
   * Inserting a matching row waits until the test releases it (an advisory lock the test holds), so
   * the test can act while the work is in flight.
   */
  public static Blocker blockInsert(Pool pool, String table, String condition) {
    int key = 90_000 + SEQUENCE.incrementAndGet();
    SqlConnection holder = pool.getConnection().await().atMost(WAIT);
    holder.query("select pg_advisory_lock(" + key + ")").execute().await().atMost(WAIT);
    String name = name();
    execute(
        pool,
        function(name, condition, "perform pg_advisory_xact_lock(" + key + ")")
            + trigger(name, table));
    return new Blocker(pool, table, name, key, holder);
  }

  private static Fault install(Pool pool, String table, String condition, String action) {
    String name = name();
    execute(pool, function(name, condition, action) + trigger(name, table));
    return new Fault(pool, table, name);
  }

  private static String name() {
    return "test_fault_" + SEQUENCE.incrementAndGet();
  }

  private static String function(String name, String condition, String action) {
    return """
        create function %s() returns trigger language plpgsql as $$
        begin
          if %s then
            %s;
          end if;
          return new;
        end $$;
        """
        .formatted(name, condition, action);
  }

  private static String trigger(String name, String table) {
    return "create trigger %s before insert on %s for each row execute function %s();"
        .formatted(name, table, name);
  }

  private static void execute(Pool pool, String sql) {
    pool.query(sql).execute().await().atMost(WAIT);
  }

  /** An installed fault; closing it removes it. */
  public static class Fault implements AutoCloseable {
    private final Pool pool;
    private final String table;
    private final String name;

    Fault(Pool pool, String table, String name) {
      this.pool = pool;
      this.table = table;
      this.name = name;
    }

    @Override
    public void close() {
      execute(
          pool,
          "drop trigger if exists %s on %s; drop function if exists %s();"
              .formatted(name, table, name));
    }
  }

  /** A fault that holds matching inserts until released. */
  public static final class Blocker extends Fault {
    private final Pool pool;
    private final int key;
    private final SqlConnection holder;
    private boolean released;

    Blocker(Pool pool, String table, String name, int key, SqlConnection holder) {
      super(pool, table, name);
      this.pool = pool;
      this.key = key;
      this.holder = holder;
    }

    /** Waits until an insert is held at this point. */
    public void awaitBlocked() {
      Eventually.await(
          "an insert held by the fault",
          () ->
              Database.count(
                      pool,
                      "select count(*) from pg_locks where locktype = 'advisory' and objid::bigint = $1"
                          + " and not granted",
                      (long) key)
                  > 0);
    }

    /** Lets held inserts go on (idempotent). */
    public synchronized void release() {
      if (!released) {
        released = true;
        holder.query("select pg_advisory_unlock(" + key + ")").execute().await().atMost(WAIT);
        holder.close().await().atMost(WAIT);
      }
    }

    @Override
    public void close() {
      release();
      super.close();
    }
  }
}
