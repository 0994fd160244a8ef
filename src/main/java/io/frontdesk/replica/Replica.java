package io.frontdesk.replica;

import io.frontdesk.database.ReactiveBridge;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * This run of the replica: its name (stable across restarts), its instance id (new with every
 * start; a turn lock records it), and its heartbeat. Its name is held by a session advisory lock on
 * one connection of its own, so no two live replicas share a name, and a restarted one knows that
 * every lock an older run of its name holds belongs to a dead turn.
 */
@ApplicationScoped
public class Replica {

  private static final Logger LOG = Logger.getLogger(Replica.class);

  private final UUID instance = UUID.randomUUID();
  private final Pool pool;
  private final ReactiveBridge bridge;
  private final ReplicaRepository replicas;
  private final ReplicaConfig config;
  private volatile String name;
  private volatile SqlConnection held;
  // System.nanoTime() of the first heartbeat of the current unbroken run of them; -1 while failing
  private volatile long beatingSince = -1;
  private volatile boolean stopped;

  Replica(Pool pool, ReactiveBridge bridge, ReplicaRepository replicas, ReplicaConfig config) {
    this.pool = pool;
    this.bridge = bridge;
    this.replicas = replicas;
    this.config = config;
  }

  /** Before anything can take a turn lock: the run is registered under its name. */
  void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent start) {
    String wanted = config.name().filter(n -> !n.isBlank()).orElseGet(Replica::hostName);
    name =
        bridge.await(
            () ->
                connection(wanted)
                    .chain(
                        owned -> {
                          String taken = owned ? wanted : wanted + "-" + shortId();
                          return replicas
                              .register(pool, instance, taken, config.staleAfter())
                              .call(() -> replicas.forgetOld(pool))
                              .replaceWith(taken);
                        }));
    if (!name.equals(wanted)) {
      LOG.warnf(
          "Another live replica is called %s on this database; this one runs as %s (set"
              + " frontdesk.replica.name to a name of its own)",
          wanted, name);
    }
    beatingSince = System.nanoTime();
    LOG.infof("Replica %s (run %s) registered", name, instance);
  }

  /** The id of this run; a turn lock it takes names it. */
  public UUID instance() {
    return instance;
  }

  public String name() {
    return name;
  }

  /**
   * Whether this replica has beaten without a break for longer than a replica may stay silent: only
   * then can it tell another replica's silence from its own trouble reaching the database (after an
   * outage every heartbeat is old).
   */
  public boolean judgesSilence() {
    long since = beatingSince;
    return since >= 0
        && System.nanoTime() - since > config.staleAfter().plus(config.heartbeatEvery()).toNanos();
  }

  /**
   * The heartbeat, on an event loop (a statement, never blocking): a worker pool busy with blocking
   * tools must not make this replica look dead.
   */
  @Scheduled(
      every = "${frontdesk.replica.heartbeat-every:2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> beat() {
    if (stopped || name == null) {
      return Uni.createFrom().voidItem();
    }
    return connection(name)
        .chain(owned -> replicas.beat(held, instance))
        .chain(
            known ->
                known
                    ? Uni.createFrom().voidItem()
                    : replicas.register(pool, instance, name, config.staleAfter()))
        .invoke(
            () -> {
              if (beatingSince < 0) {
                beatingSince = System.nanoTime();
                LOG.infof("Replica %s beats again", name);
              }
            })
        .onFailure()
        .recoverWithUni(
            failure -> {
              drop();
              if (beatingSince >= 0) {
                // the database's outage is reported where it is noticed first; this is its echo
                LOG.infof("Replica %s cannot write its heartbeat: %s", name, failure.toString());
              }
              beatingSince = -1;
              return Uni.createFrom().voidItem();
            });
  }

  /** A graceful stop: whatever turn this run still holds is recovered at once elsewhere. */
  public void stop() {
    stopped = true;
    try {
      bridge.await(() -> replicas.stopped(pool, instance));
    } catch (RuntimeException failure) {
      LOG.infof("Replica %s could not record its stop: %s", name, failure.toString());
    }
    drop();
  }

  /** The connection that holds the name's lock, opened (and the lock taken) if need be. */
  private Uni<Boolean> connection(String wanted) {
    SqlConnection current = held;
    if (current != null) {
      return Uni.createFrom().item(true);
    }
    return pool.getConnection()
        .chain(
            connection -> {
              held = connection;
              return replicas.lockName(connection, wanted);
            })
        .invoke(
            owned -> {
              if (!owned && name != null) {
                LOG.warnf(
                    "Replica %s lost its name's lock while the database was away; another live"
                        + " replica may use the name",
                    name);
              }
            });
  }

  private void drop() {
    SqlConnection current = held;
    held = null;
    if (current != null) {
      current.close().subscribe().with(ignored -> {}, ignored -> {});
    }
  }

  private String shortId() {
    return instance.toString().substring(0, 8);
  }

  private static String hostName() {
    String host = System.getenv("HOSTNAME");
    if (host != null && !host.isBlank()) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "frontdesk";
    }
  }
}
