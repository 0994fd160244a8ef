package io.frontdesk.approval;

import io.frontdesk.database.DatabaseOutage;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.feed.ConsoleFeed;
import io.frontdesk.replica.Replica;
import io.frontdesk.telemetry.SupportMetrics;
import io.frontdesk.toolgate.AuditEntry;
import io.frontdesk.toolgate.AuditLog;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Every {@code frontdesk.approvals.sweep-every}: approvals nobody decided in time are rejected (a
 * ticket opens); every {@code frontdesk.approvals.resume-every}: decided ones a crash or a busy
 * conversation left unfinished are carried through. Both claim each approval in one statement that
 * skips rows another replica holds, so each is carried once across replicas.
 */
@ApplicationScoped
public class ApprovalSweeper {

  private static final Logger LOG = Logger.getLogger(ApprovalSweeper.class);

  private final Pool pool;
  private final ReactiveBridge bridge;
  private final ApprovalRepository approvals;
  private final ApprovalOutcomes outcomes;
  private final AuditLog audit;
  private final ConsoleFeed console;
  private final SupportMetrics metrics;
  private final Replica replica;
  private volatile boolean failing;

  ApprovalSweeper(
      Pool pool,
      ReactiveBridge bridge,
      ApprovalRepository approvals,
      ApprovalOutcomes outcomes,
      AuditLog audit,
      ConsoleFeed console,
      SupportMetrics metrics,
      Replica replica) {
    this.pool = pool;
    this.replica = replica;
    this.bridge = bridge;
    this.approvals = approvals;
    this.outcomes = outcomes;
    this.audit = audit;
    this.console = console;
    this.metrics = metrics;
  }

  @Scheduled(
      every = "${frontdesk.approvals.sweep-every:15s}",
      delayed = "${frontdesk.approvals.sweep-every:15s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = DatabaseOutage.SkipWhileDown.class)
  public void sweep() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<Approval> expired;
    try {
      expired = expire(now);
      failing = false;
    } catch (RuntimeException failure) {
      paused(failure);
      return;
    }
    expired.forEach(
        a -> metrics.approval("expired", Duration.between(a.requestedAt(), a.expiresAt())));
    expired.forEach(this::carry);
  }

  /** Marks the approvals past their expiry, each with its audit row and console event. */
  private List<Approval> expire(OffsetDateTime now) {
    return bridge.await(
        () ->
            pool.withTransaction(
                db ->
                    approvals
                        .expire(db, now, replica.instance())
                        .call(
                            list ->
                                Multi.createFrom()
                                    .iterable(list)
                                    .onItem()
                                    .transformToUniAndConcatenate(
                                        a ->
                                            audit
                                                .write(
                                                    db,
                                                    new AuditEntry(
                                                        "system",
                                                        "approval-sweeper",
                                                        a.customerId(),
                                                        a.conversationId(),
                                                        a.tool(),
                                                        a.arguments(),
                                                        "expired",
                                                        "approval %s: no reviewer decided by %s"
                                                            .formatted(a.id(), a.expiresAt()),
                                                        null))
                                                .call(
                                                    () ->
                                                        console.publish(
                                                            db, "approval_decided", "approval", a)))
                                    .collect()
                                    .last())));
  }

  /**
   * Every {@code frontdesk.approvals.resume-every}: decided approvals whose follow-up no live
   * replica carries (its replica died mid-way, or the conversation was busy) are claimed and
   * carried through — within seconds of a crash's restart, once across replicas.
   */
  @Scheduled(
      every = "${frontdesk.approvals.resume-every:2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public void resume() {
    if (replica.name() == null) {
      return;
    }
    List<Approval> claimed;
    try {
      claimed =
          bridge.await(
              () -> approvals.claimUnfinished(pool, replica.instance(), replica.judgesSilence()));
      failing = false;
    } catch (RuntimeException failure) {
      paused(failure);
      return;
    }
    claimed.forEach(this::carry);
  }

  private void paused(RuntimeException failure) {
    if (!failing) {
      // a database outage is reported where it is noticed first; this is its echo
      LOG.infof("Approval sweeps paused: %s", failure.toString());
    }
    failing = true;
  }

  private void carry(Approval a) {
    try {
      outcomes.finish(a);
    } catch (RuntimeException e) {
      LOG.warnf("Approval %s could not be carried through yet: %s", a.id(), e.toString());
    }
  }
}
