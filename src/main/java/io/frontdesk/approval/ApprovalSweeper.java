package io.frontdesk.approval;

import io.frontdesk.console.ConsoleFeed;
import io.frontdesk.database.DatabaseOutage;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.observability.SupportMetrics;
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
 * ticket opens), and decided ones a crash or a busy conversation left unfinished are carried
 * through. Expiry marks each approval in one statement that skips rows another replica holds, so
 * each expires once across replicas.
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

  ApprovalSweeper(
      Pool pool,
      ReactiveBridge bridge,
      ApprovalRepository approvals,
      ApprovalOutcomes outcomes,
      AuditLog audit,
      ConsoleFeed console,
      SupportMetrics metrics) {
    this.pool = pool;
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
    List<Approval> expired =
        bridge.await(
            () ->
                pool.withTransaction(
                    db ->
                        approvals
                            .expire(db, now)
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
                                                                db,
                                                                "approval_decided",
                                                                "approval",
                                                                a)))
                                        .collect()
                                        .last())));
    expired.forEach(
        a -> metrics.approval("expired", Duration.between(a.requestedAt(), a.expiresAt())));
    expired.forEach(this::carry);
    OffsetDateTime stale = now.minus(ApprovalOutcomes.TURN_WAIT).minusSeconds(30);
    bridge.await(() -> approvals.unfinished(pool, stale)).forEach(this::carry);
  }

  private void carry(Approval a) {
    try {
      outcomes.finish(a);
    } catch (RuntimeException e) {
      LOG.warnf("Approval %s could not be carried through yet: %s", a.id(), e.toString());
    }
  }
}
