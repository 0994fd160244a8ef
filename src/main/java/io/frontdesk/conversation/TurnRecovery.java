package io.frontdesk.conversation;

import io.frontdesk.conversation.TurnRecoveryRepository.DeadLock;
import io.frontdesk.conversation.TurnRecoveryRepository.DeadTurn;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.feed.ConversationFeed;
import io.frontdesk.http.TooManyRequests;
import io.frontdesk.replica.Replica;
import io.frontdesk.turn.TurnEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Answers the messages whose turn died with its replica (a kill, an OOM, a lost machine). Every
 * heartbeat it looks for turn locks held by dead runs — at once for an earlier run of its own name
 * (its restart), within seconds for another replica that went silent — and recovers each turn once:
 * re-runs the stored message (the answer reaches an open chat through the conversation's feed), or,
 * where a side effect had started or the message was re-run once already, tells the customer
 * plainly to send it again. An approval's follow-up is only released: the approval resumes it.
 */
@ApplicationScoped
class TurnRecovery {

  private static final Logger LOG = Logger.getLogger(TurnRecovery.class);
  private static final int BATCH = 50;

  private final Pool pool;
  private final ReactiveBridge bridge;
  private final Replica replica;
  private final TurnRecoveryRepository recoveries;
  private final ConversationRepository conversations;
  private final ConversationFeed feed;
  private final TurnEngine engine;
  private final MeterRegistry registry;
  // turns whose re-run is opening here: the next sweep leaves them alone
  private final Set<UUID> reopening = ConcurrentHashMap.newKeySet();
  private volatile boolean failing;

  TurnRecovery(
      Pool pool,
      ReactiveBridge bridge,
      Replica replica,
      TurnRecoveryRepository recoveries,
      ConversationRepository conversations,
      ConversationFeed feed,
      TurnEngine engine,
      MeterRegistry registry) {
    this.pool = pool;
    this.bridge = bridge;
    this.replica = replica;
    this.recoveries = recoveries;
    this.conversations = conversations;
    this.feed = feed;
    this.engine = engine;
    this.registry = registry;
  }

  @Scheduled(
      every = "${frontdesk.replica.heartbeat-every:2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    if (replica.name() == null) {
      return;
    }
    try {
      List<DeadLock> dead =
          bridge.await(
              () -> recoveries.deadLocks(pool, replica.instance(), replica.judgesSilence(), BATCH));
      dead.stream().filter(lock -> !reopening.contains(lock.turnId())).forEach(this::recover);
      failing = false;
    } catch (RuntimeException failure) {
      if (!failing) {
        // a database outage is reported where it is noticed first; this is its echo
        LOG.infof("Turn recovery paused: %s", failure.toString());
      }
      failing = true;
    }
  }

  private void recover(DeadLock lock) {
    DeadTurn turn = bridge.await(() -> recoveries.deadTurn(pool, lock));
    if (turn.question() == null || turn.systemNote()) {
      release(lock);
    } else if (turn.rerunBefore() || !turn.effects().isEmpty()) {
      tell(lock, turn);
    } else {
      rerun(lock, turn.question());
    }
  }

  /** Nothing to answer here (an approval's follow-up resumes with its approval): the lock goes. */
  private void release(DeadLock lock) {
    boolean released =
        bridge.await(
            () ->
                pool.withTransaction(
                    db ->
                        recoveries
                            .release(db, lock)
                            .call(done -> done ? recorded(db, lock, "released") : none())));
    if (released) {
      recovered(lock, "released");
    }
  }

  /** The customer is told, in the transcript and on the feed, to send the message again. */
  private void tell(DeadLock lock, DeadTurn turn) {
    String text = RecoveryNotice.text(turn);
    boolean told =
        bridge.await(
            () ->
                pool.withTransaction(
                    db ->
                        recoveries
                            .release(db, lock)
                            .call(done -> done ? notice(db, lock, text) : none())));
    if (told) {
      recovered(lock, "told");
    }
  }

  /** The notice stored under the dead turn, its recovery recorded, and the notice on the feed. */
  private Uni<Void> notice(SqlClient db, DeadLock lock, String text) {
    StoredMessage notice =
        new StoredMessage(
            lock.turnId(), "assistant", TurnRequest.SYSTEM_AUTHOR, text, List.of(), null, null);
    List<TurnEvent> events =
        List.of(
            new TurnEvent.TurnStarted(
                lock.conversationId(), lock.turnId(), TurnRequest.SYSTEM_AUTHOR),
            new TurnEvent.Done(lock.conversationId(), text, false, false, null, 0.0));
    return conversations
        .append(db, lock.conversationId(), List.of(notice))
        .call(() -> recorded(db, lock, "told"))
        .call(() -> feed.publish(db, lock.conversationId(), events));
  }

  private Uni<Void> recorded(SqlClient db, DeadLock lock, String action) {
    return conversations.recovered(
        db, lock.conversationId(), lock.turnId(), lock.replica(), action);
  }

  private static Uni<Void> none() {
    return Uni.createFrom().voidItem();
  }

  /**
   * The stored message is answered again under its turn id, once: the re-run takes the lock over in
   * its opening (where a second replica's attempt finds it taken) and its events go on the feed.
   */
  private void rerun(DeadLock lock, String question) {
    TurnRequest request =
        TurnRequest.rerun(
            lock.customerId(), lock.conversationId(), question, lock.turnId(), lock.replica());
    if (!reopening.add(lock.turnId())) {
      return;
    }
    try {
      engine
          .run(request)
          .collect()
          .asList()
          .onTermination()
          .invoke(() -> reopening.remove(lock.turnId()))
          .chain(
              events -> pool.withTransaction(db -> feed.publish(db, lock.conversationId(), events)))
          .subscribe()
          .with(
              published -> recovered(lock, "rerun"),
              failure ->
                  LOG.infof(
                      "Turn %s of conversation %s was not re-run here: %s",
                      lock.turnId(), lock.conversationId(), failure.toString()));
    } catch (TooManyRequests busy) {
      // this replica is at its cap: the next sweep tries again
      reopening.remove(lock.turnId());
    }
  }

  private void recovered(DeadLock lock, String action) {
    registry.counter("frontdesk.turns.recovered", "action", action).increment();
    LOG.infof(
        "Recovered turn %s of conversation %s left by dead replica run %s: %s",
        lock.turnId(), lock.conversationId(), lock.replica(), action);
  }
}
