package io.frontdesk.console;

import io.frontdesk.console.InboxRepository.Count;
import io.frontdesk.console.InboxRepository.Filter;
import io.frontdesk.console.InboxRepository.InboxRow;
import io.frontdesk.feed.ConsoleFeed;
import io.frontdesk.http.NotFound;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The human agents' inbox: one list of conversations by status, assignee, tier, reason and words of
 * the transcript, most urgent SLA first, with counts per view; and an agent's changes to one
 * (status, snooze, assignee, priority), each committed with its console event so every agent's
 * inbox follows live.
 */
@ApplicationScoped
public class InboxService {

  /** One conversation in the inbox, its SLA timers worked out. */
  public record InboxItem(
      UUID id,
      String customerId,
      String customerName,
      String tier,
      String status,
      OffsetDateTime snoozedUntil,
      String assignee,
      String priority,
      String subject,
      String lastMessage,
      String ticketId,
      String reason,
      String summary,
      Double confidence,
      OffsetDateTime firstResponseDue,
      OffsetDateTime resolutionDue,
      OffsetDateTime slaDue,
      String takenOverBy,
      OffsetDateTime updatedAt,
      List<String> labels,
      String language) {}

  /** A view: its conversations, how many per status and per assignee bucket. */
  public record InboxView(
      List<InboxItem> conversations, Map<String, Long> statuses, Map<String, Long> assignees) {}

  static final List<String> STATUSES = List.of("open", "pending", "snoozed", "resolved");
  static final List<String> BUCKETS = List.of("me", "unassigned", "others");

  private final Pool pool;
  private final InboxRepository inbox;
  private final TicketDesk desk;
  private final ConsoleFeed console;
  private final SlaClock sla;
  private final LabelRepository labels;

  InboxService(
      Pool pool,
      InboxRepository inbox,
      TicketDesk desk,
      ConsoleFeed console,
      InboxConfig config,
      LabelRepository labels) {
    this.pool = pool;
    this.inbox = inbox;
    this.labels = labels;
    this.desk = desk;
    this.console = console;
    this.sla = new SlaClock(config.firstResponse(), config.resolution());
  }

  /** The view {@code filter} for {@code agent}: most urgent SLA first, then the newest. */
  public Uni<InboxView> view(String agent, Filter filter, int limit) {
    return Uni.combine()
        .all()
        .unis(inbox.list(agent, filter, limit), inbox.counts(agent, filter))
        .with(
            (rows, counts) ->
                new InboxView(
                    rows.stream()
                        .map(this::item)
                        .sorted(
                            Comparator.comparing(
                                InboxItem::slaDue, Comparator.nullsLast(Comparator.naturalOrder())))
                        .toList(),
                    tally(
                        counts, STATUSES, Count::status, c -> within(filter.bucket(), c.bucket())),
                    tally(
                        counts, BUCKETS, Count::bucket, c -> within(filter.status(), c.status()))));
  }

  /**
   * The conversations whose open ticket is past a due time at {@code now}, most overdue first (at
   * most {@code limit}, oldest tickets first).
   */
  Uni<List<InboxItem>> overdue(OffsetDateTime now, int limit) {
    return inbox
        .list(null, new Filter(null, null, null, null, null, null, null), limit)
        .map(
            rows ->
                rows.stream()
                    .map(this::item)
                    .filter(i -> i.ticketId() != null && i.slaDue() != null)
                    .filter(i -> i.slaDue().isBefore(now))
                    .toList());
  }

  /** One conversation as {@code agent}'s inbox shows it; 404 when there is none. */
  public Uni<InboxItem> one(String agent, UUID id) {
    return inbox
        .one(agent, id)
        .map(row -> item(row.orElseThrow(() -> new NotFound("conversation", id.toString()))));
  }

  /**
   * Sets the conversation's status; resolving it resolves its open ticket too (the customer is told
   * as when the ticket is resolved), since a ticket is a state of its conversation.
   */
  public Uni<InboxItem> setStatus(UUID id, String agent, String status, OffsetDateTime until) {
    Uni<Void> ticket =
        !"resolved".equals(status)
            ? Uni.createFrom().voidItem()
            : one(agent, id)
                .chain(
                    item ->
                        item.ticketId() == null
                            ? Uni.createFrom().voidItem()
                            : desk.resolve(number(item.ticketId()), agent, "").replaceWithVoid());
    JsonObject change = new JsonObject().put("status", status).put("snoozedUntil", iso(until));
    return ticket
        .chain(() -> change(id, agent, change, db -> inbox.setStatus(db, id, status, until)))
        .chain(() -> one(agent, id));
  }

  /** Assigns the conversation to {@code assignee}, or with null releases it. */
  public Uni<InboxItem> assign(UUID id, String agent, String assignee) {
    return change(
            id,
            agent,
            new JsonObject().put("assignee", assignee),
            db -> inbox.setAssignee(db, id, assignee))
        .chain(() -> one(agent, id));
  }

  /** Sets the conversation's priority (null: back to its ticket's). */
  public Uni<InboxItem> prioritise(UUID id, String agent, String priority) {
    return change(
            id,
            agent,
            new JsonObject().put("priority", priority),
            db -> inbox.setPriority(db, id, priority))
        .chain(() -> one(agent, id));
  }

  /** Puts the label on the conversation ({@code add}) or takes it off. */
  public Uni<InboxItem> label(UUID id, String agent, String label, boolean add) {
    return change(
            id,
            agent,
            new JsonObject().put(add ? "labelAdded" : "labelRemoved", label),
            db -> add ? labels.add(db, id, label, agent) : labels.remove(db, id, label))
        .chain(() -> one(agent, id));
  }

  /** The labels in use and how many conversations carry each. */
  public Uni<Map<String, Long>> labels() {
    return labels.inUse();
  }

  /** One change in a transaction with its {@code conversation_updated} console event. */
  private Uni<Void> change(
      UUID id, String agent, JsonObject change, Function<SqlClient, Uni<Optional<String>>> update) {
    return pool.withTransaction(
        db ->
            update
                .apply(db)
                .chain(
                    customer ->
                        console.publish(
                            db,
                            "conversation_updated",
                            change
                                .copy()
                                .put("conversationId", id.toString())
                                .put(
                                    "customerId",
                                    customer.orElseThrow(
                                        () -> new NotFound("conversation", id.toString())))
                                .put("by", agent))));
  }

  private InboxItem item(InboxRow r) {
    SlaClock.Due due = sla.due(r.tier(), r.priority(), r.status(), r.slaFrom(), r.firstReplyAt());
    return new InboxItem(
        r.id(),
        r.customerId(),
        r.customerName(),
        r.tier(),
        r.status(),
        "snoozed".equals(r.status()) ? r.snoozedUntil() : null,
        r.assignee(),
        r.priority(),
        r.subject(),
        r.lastMessage(),
        r.ticketNumber() == null ? null : "TCK-" + r.ticketNumber(),
        r.reason(),
        r.summary(),
        r.confidence(),
        due.firstResponseDue(),
        due.resolutionDue(),
        due.next(),
        r.takenOverBy(),
        r.updatedAt(),
        r.labels(),
        r.language());
  }

  /** Counts per key (every key present, 0 when none), over the counts {@code in} keeps. */
  private static Map<String, Long> tally(
      List<Count> counts,
      List<String> keys,
      Function<Count, String> key,
      java.util.function.Predicate<Count> in) {
    Map<String, Long> tally = new LinkedHashMap<>();
    keys.forEach(k -> tally.put(k, 0L));
    long all = 0;
    for (Count c : counts) {
      if (in.test(c)) {
        tally.merge(key.apply(c), c.count(), Long::sum);
        all += c.count();
      }
    }
    tally.put("all", all);
    return tally;
  }

  private static boolean within(String filter, String value) {
    return filter == null || filter.equals(value);
  }

  static long number(String ticketId) {
    return Long.parseLong(ticketId.substring("TCK-".length()));
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }
}
