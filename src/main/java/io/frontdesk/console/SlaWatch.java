package io.frontdesk.console;

import io.frontdesk.console.InboxService.InboxItem;
import io.frontdesk.console.SlaBreachRepository.Kind;
import io.frontdesk.database.DatabaseOutage;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.feed.ConsoleFeed;
import io.frontdesk.telemetry.SupportMetrics;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Watches the inbox's SLA timers: an open ticket past its first-response or resolution due time is
 * a breach, marked once across replicas, announced on the console feed ({@code sla_breached}, the
 * agents' badge and notification) and counted ({@code frontdesk_sla_breaches_total}).
 */
@ApplicationScoped
public class SlaWatch {

  private static final Logger LOG = Logger.getLogger(SlaWatch.class);

  /** The most overdue conversations one check looks at. */
  private static final int PAGE = 500;

  /** A breach this replica marked. */
  record Breach(InboxItem conversation, Kind kind, OffsetDateTime due) {}

  private final InboxService inbox;
  private final SlaBreachRepository breaches;
  private final ConsoleFeed console;
  private final SupportMetrics metrics;
  private final ReactiveBridge bridge;
  private final Pool pool;

  SlaWatch(
      InboxService inbox,
      SlaBreachRepository breaches,
      ConsoleFeed console,
      SupportMetrics metrics,
      ReactiveBridge bridge,
      Pool pool) {
    this.inbox = inbox;
    this.breaches = breaches;
    this.console = console;
    this.metrics = metrics;
    this.bridge = bridge;
    this.pool = pool;
  }

  @Scheduled(
      every = "${frontdesk.inbox.sla-check-every:30s}",
      delayed = "${frontdesk.inbox.sla-check-every:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = DatabaseOutage.SkipWhileDown.class)
  void scheduled() {
    try {
      bridge.await(() -> check(OffsetDateTime.now(ZoneOffset.UTC)));
    } catch (RuntimeException failure) {
      // the next check marks what this one could not; a lost database is logged by its watcher
      if (!DatabaseOutage.isOutage(failure)) {
        LOG.warnf("SLA check failed: %s", failure.toString());
      }
    }
  }

  /** Marks and announces the breaches at {@code now} no replica announced yet. */
  Uni<List<Breach>> check(OffsetDateTime now) {
    return inbox
        .overdue(now, PAGE)
        .onItem()
        .transformToMulti(items -> Multi.createFrom().iterable(candidates(items, now)))
        .onItem()
        .transformToUniAndConcatenate(this::mark)
        .filter(b -> b != null)
        .collect()
        .asList();
  }

  private static List<Breach> candidates(List<InboxItem> items, OffsetDateTime now) {
    List<Breach> out = new ArrayList<>();
    for (InboxItem item : items) {
      if (item.firstResponseDue() != null && item.firstResponseDue().isBefore(now)) {
        out.add(new Breach(item, Kind.FIRST_RESPONSE, item.firstResponseDue()));
      }
      if (item.resolutionDue() != null && item.resolutionDue().isBefore(now)) {
        out.add(new Breach(item, Kind.RESOLUTION, item.resolutionDue()));
      }
    }
    return out;
  }

  /** The breach marked with its console event in one transaction; null when already marked. */
  private Uni<Breach> mark(Breach breach) {
    InboxItem item = breach.conversation();
    String kind = breach.kind().name().toLowerCase(java.util.Locale.ROOT);
    return pool.withTransaction(
            db ->
                breaches
                    .mark(db, InboxService.number(item.ticketId()), breach.kind(), breach.due())
                    .call(
                        marked ->
                            !marked
                                ? Uni.createFrom().voidItem()
                                : console.publish(
                                    db,
                                    "sla_breached",
                                    new JsonObject()
                                        .put("conversationId", item.id().toString())
                                        .put("customerId", item.customerId())
                                        .put("customerName", item.customerName())
                                        .put("ticketId", item.ticketId())
                                        .put("kind", kind)
                                        .put("due", breach.due().toString()))))
        .map(
            marked -> {
              if (!marked) {
                return null;
              }
              metrics.slaBreached(kind, item.tier());
              return breach;
            });
  }
}
