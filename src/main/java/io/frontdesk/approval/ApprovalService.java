package io.frontdesk.approval;

import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.feed.ConsoleFeed;
import io.frontdesk.http.Conflict;
import io.frontdesk.http.NotFound;
import io.frontdesk.replica.Replica;
import io.frontdesk.telemetry.SupportMetrics;
import io.frontdesk.toolgate.ApprovalConfig;
import io.frontdesk.toolgate.ApprovalRequests;
import io.frontdesk.toolgate.AuditEntry;
import io.frontdesk.toolgate.AuditLog;
import io.frontdesk.toolgate.GateCall;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Human-in-the-loop approvals (seed 001): the gate files a call that needs a person; a reviewer
 * approves or rejects it; the outcome resumes the conversation. Everything is a row in PostgreSQL,
 * so a pending approval survives a restart and a decision taken on one replica holds on all.
 */
@ApplicationScoped
public class ApprovalService implements ApprovalRequests {

  private final Pool pool;
  private final ReactiveBridge bridge;
  private final ApprovalRepository approvals;
  private final ApprovalNotifier notifier;
  private final ApprovalConfig config;
  private final AuditLog audit;
  private final ApprovalOutcomes outcomes;
  private final ConsoleFeed console;
  private final SupportMetrics metrics;
  private final Replica replica;

  ApprovalService(
      Pool pool,
      ReactiveBridge bridge,
      ApprovalRepository approvals,
      ApprovalNotifier notifier,
      ApprovalConfig config,
      AuditLog audit,
      ApprovalOutcomes outcomes,
      ConsoleFeed console,
      SupportMetrics metrics,
      Replica replica) {
    this.pool = pool;
    this.replica = replica;
    this.bridge = bridge;
    this.approvals = approvals;
    this.notifier = notifier;
    this.config = config;
    this.audit = audit;
    this.outcomes = outcomes;
    this.console = console;
    this.metrics = metrics;
  }

  /**
   * The gate's request: stored and announced to reviewers in one transaction. The same call asked
   * for again while its request waits gets that request back, not a second one for reviewers.
   */
  @Override
  public Pending request(
      GateCall call, String idempotencyKey, String policy, List<String> reasons) {
    UUID fresh = UUID.randomUUID();
    // a read-only call has no idempotency key: its request stands alone
    String key = idempotencyKey != null ? idempotencyKey : "approval:" + fresh;
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Approval stored =
        bridge.await(
            () ->
                pool.withTransaction(
                    db ->
                        approvals
                            .live(db, key)
                            .chain(
                                live ->
                                    live.isPresent()
                                        ? Uni.createFrom().item(live.get())
                                        : approvals
                                            .insert(
                                                db,
                                                fresh,
                                                call.conversationId(),
                                                call.turn() == null ? null : call.turn().turnId(),
                                                call.callId(),
                                                call.caller().customerId(),
                                                key,
                                                call.agent(),
                                                call.tool().name(),
                                                call.arguments(),
                                                call.tool().risk().code(),
                                                call.confidence(),
                                                policy,
                                                String.join("; ", reasons),
                                                now,
                                                now.plus(config.expireAfter()))
                                            .call(() -> notifier.notifyInTransaction(db, fresh))
                                            .chain(() -> approvals.find(db, fresh))
                                            .map(Optional::orElseThrow)
                                            .call(
                                                a ->
                                                    console.publish(
                                                        db,
                                                        "approval_requested",
                                                        "approval",
                                                        a)))));
    if (stored.id().equals(fresh)) {
      metrics.approval("requested", null);
      notifier.postWebhook(stored);
    }
    return pending(call, stored, now);
  }

  /** What the gate gets back: the request and its notice, in the customer's language. */
  private Pending pending(GateCall call, Approval stored, OffsetDateTime now) {
    String language = call.turn() == null ? null : call.turn().language();
    String currency =
        bridge.await(() -> approvals.currencyOf(pool, stored.tool(), stored.arguments()));
    String what =
        ApprovalSummaries.forCustomer(language, stored.tool(), stored.arguments(), currency);
    return new Pending(
        stored.id(),
        ApprovalSummaries.pendingNotice(language, what, Duration.between(now, stored.expiresAt())),
        stored.expiresAt());
  }

  /**
   * A reviewer's decision, taken once: the row is locked, so of two reviewers (or replicas)
   * deciding at the same moment one wins and the other gets a conflict. An approval runs exactly
   * the stored call and has the agent tell the customer; a rejection tells the customer why and
   * opens a ticket. Blocking: call it from a worker thread.
   */
  public Approval decide(UUID id, String reviewer, boolean approve, String feedback) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Approval decided =
        bridge.await(
            () ->
                pool.withTransaction(
                    db ->
                        approvals
                            .lock(db, id)
                            .chain(
                                found -> {
                                  Approval a =
                                      found.orElseThrow(
                                          () -> new NotFound("approval", id.toString()));
                                  if (!a.pending()) {
                                    throw new Conflict(
                                        "approval %s was already %s%s"
                                            .formatted(
                                                id,
                                                a.status(),
                                                a.decidedBy() == null
                                                    ? ""
                                                    : " by " + a.decidedBy()));
                                  }
                                  if (!a.expiresAt().isAfter(now)) {
                                    throw new Conflict(
                                        "approval %s expired at %s; it is rejected and a ticket"
                                                .formatted(id, a.expiresAt())
                                            + " opens");
                                  }
                                  String status = approve ? Approval.APPROVED : Approval.REJECTED;
                                  return approvals
                                      .decide(
                                          db, id, status, reviewer, feedback, replica.instance())
                                      .call(
                                          () ->
                                              audit.write(
                                                  db, reviewerEntry(a, reviewer, status, feedback)))
                                      .chain(() -> approvals.find(db, id))
                                      .map(Optional::orElseThrow)
                                      .call(
                                          d ->
                                              console.publish(
                                                  db, "approval_decided", "approval", d));
                                })));
    metrics.approval(decided.status(), Duration.between(decided.requestedAt(), now));
    outcomes.finish(decided);
    return find(id).orElseThrow();
  }

  public Optional<Approval> find(UUID id) {
    return bridge.await(() -> approvals.find(pool, id));
  }

  /** Approvals newest first, of one status and one customer when given (null: any). */
  Uni<List<Approval>> list(String status, String customerId) {
    return approvals.list(pool, status, customerId);
  }

  /** One approval, or {@link NotFound}. */
  Uni<Approval> get(UUID id) {
    return approvals.find(pool, id).map(found -> found.orElseThrow(() -> notFound(id)));
  }

  /** One of the customer's approvals; another customer's is the same {@link NotFound}. */
  Uni<Approval> getOwned(UUID id, String customerId) {
    return approvals
        .findOwned(pool, id, customerId)
        .map(found -> found.orElseThrow(() -> notFound(id)));
  }

  private static NotFound notFound(UUID id) {
    return new NotFound("approval", id.toString());
  }

  private static AuditEntry reviewerEntry(
      Approval a, String reviewer, String status, String feedback) {
    return new AuditEntry(
        "human",
        reviewer,
        a.customerId(),
        a.conversationId(),
        a.tool(),
        a.arguments(),
        status,
        feedback == null || feedback.isBlank()
            ? "approval " + a.id()
            : "approval " + a.id() + ": " + feedback,
        null);
  }
}
