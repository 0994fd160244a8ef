package io.frontdesk.conversation;

import io.frontdesk.agent.AgentConfig;
import io.frontdesk.database.ShutdownOrder;
import io.frontdesk.replica.Replica;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * On SIGTERM the replica lets its turns end before it stops: readiness is already DOWN (Quarkus's
 * shutdown readiness check) and requests in flight finish within {@code quarkus.shutdown.timeout};
 * this waits, too, for turns whose client left (they run detached), so every turn is stored and its
 * lock given back before the database pool closes. Then the replica's run is marked stopped, so a
 * turn that outlived the wait is recovered at once ({@link TurnRecovery}).
 *
 * <p>Channels that hold connections hear {@link ShuttingDown} at the very start, in Quarkus's
 * pre-shutdown phase (the shutdown delay), not after the HTTP drain: the drain waits for requests
 * in flight, and a socket must get its reconnect hint while those requests still run.
 */
@ApplicationScoped
class GracefulShutdown {

  private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);

  private final TurnRegistry turns;
  private final Replica replica;
  private final AgentConfig agent;
  private final Event<ShuttingDown> shuttingDown;
  private final AtomicBoolean announced = new AtomicBoolean();

  GracefulShutdown(
      TurnRegistry turns, Replica replica, AgentConfig agent, Event<ShuttingDown> shuttingDown) {
    this.turns = turns;
    this.replica = replica;
    this.agent = agent;
    this.shuttingDown = shuttingDown;
  }

  void onStart(@Observes StartupEvent start) {
    ShutdownOrder.turnsFrom(turns::running);
  }

  /** Pre-shutdown: readiness has gone DOWN, requests in flight still run. */
  void onShutdownBegins(@Observes ShutdownDelayInitiatedEvent begins) {
    announce();
  }

  void onStop(@Observes ShutdownEvent stop) {
    announce();
    awaitTurns();
    // a turn still running now dies with the process: another replica (or this one's restart)
    // recovers it at once instead of after a heartbeat's silence
    replica.stop();
  }

  private void announce() {
    if (announced.compareAndSet(false, true)) {
      shuttingDown.fire(new ShuttingDown(turns.running()));
    }
  }

  private void awaitTurns() {
    int running = turns.running();
    if (running == 0) {
      return;
    }
    // a turn ends within its time plus the wait for a tool still running
    Duration limit = agent.timeout().plus(agent.toolGrace());
    LOG.infof("Shutting down: waiting up to %d s for %d running turns", limit.toSeconds(), running);
    long deadline = System.nanoTime() + limit.toNanos();
    while (turns.running() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (turns.running() > 0) {
      LOG.warnf(
          "%d turns still running at shutdown; they are recovered when this replica has stopped",
          turns.running());
    }
  }
}
