package io.frontdesk.console;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The inbox over the reactive SQL client (tables conversation, customer, ticket, message): each
 * conversation with its status as an agent sees it, its assignee, priority, newest ticket and
 * full-text search over its transcript. SQL client, not Panache: full text and reads across three
 * features' tables.
 */
@ApplicationScoped
public class InboxRepository {

  /** One conversation as the inbox lists it; SLA fields are null without an open ticket. */
  public record InboxRow(
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
      Long ticketNumber,
      String reason,
      String summary,
      Double confidence,
      OffsetDateTime slaFrom,
      OffsetDateTime firstReplyAt,
      String takenOverBy,
      OffsetDateTime updatedAt,
      List<String> labels,
      String language) {}

  /** How many conversations are in one status and assignee bucket (me, unassigned, others). */
  public record Count(String status, String bucket, long count) {}

  /** The filters of one view; a null filter matches everything. */
  public record Filter(
      String status,
      String bucket,
      String tier,
      String reason,
      String query,
      String label,
      String language) {}

  /**
   * Every conversation with its inbox status: an agent's status holds until the customer writes
   * again, a snooze ends at its time; otherwise the turn's state decides (escalated, waiting for an
   * approval or held by a human: open; resolved by the bot: resolved). $1 is the agent asking.
   */
  private static final String INBOX =
      """
      with inbox as (
        select c.id, c.customer_id, cu.name as customer_name, cu.tier, c.assignee, c.language,
               c.snoozed_until, c.taken_over_by, c.updated_at,
               case
                 when c.inbox_status is not null and not exists (
                     select 1 from message n where n.conversation_id = c.id and n.role = 'user'
                       and n.created_at > c.inbox_status_at and n.content not like '[Frontdesk]%')
                   then case when c.inbox_status = 'snoozed' and c.snoozed_until <= now()
                             then 'open' else c.inbox_status end
                 when c.taken_over_by is not null or c.status in ('escalated', 'awaiting_approval')
                   then 'open'
                 when c.status in ('resolved', 'closed') then 'resolved'
                 else 'open'
               end as status,
               case when c.assignee is null then 'unassigned'
                    when c.assignee = $1 then 'me' else 'others' end as bucket,
               coalesce(c.priority, case when t.status in ('open', 'in_progress')
                                         then t.priority end, 'normal') as priority,
               (select left(f.content, 120) from message f where f.conversation_id = c.id
                  and f.role = 'user' and f.content not like '[Frontdesk]%'
                  order by f.id limit 1) as subject,
               (select left(l.content, 160) from message l where l.conversation_id = c.id
                  and l.role in ('user', 'assistant') and coalesce(l.content, '') <> ''
                  order by l.id desc limit 1) as last_message,
               case when t.status in ('open', 'in_progress') then t.id end as ticket_number,
               t.reason, t.summary, t.confidence,
               case when t.status in ('open', 'in_progress') then t.created_at end as sla_from,
               (select min(h.created_at) from message h where h.conversation_id = c.id
                  and h.agent like 'human:%' and h.created_at >= t.created_at) as first_reply_at,
               array(select l.label from conversation_label l where l.conversation_id = c.id
                      order by l.label) as labels
          from conversation c
          join customer cu on cu.id = c.customer_id
          left join lateral (
            select x.id, x.status, x.priority, x.reason, x.summary, x.confidence::float8 as confidence,
                   x.created_at from ticket x
             where x.conversation_id = c.id
             order by x.status in ('open', 'in_progress') desc, x.id desc limit 1) t on true)
      """;

  /**
   * The filters every query shares past the agent ($1): tier, reason, the words searched, label.
   */
  private static final String MATCHES =
      """
       ($2::text is null or i.tier = $2)
       and ($3::text is null or i.reason = $3)
       and ($5::text is null or $5 = any(i.labels))
       and ($6::text is null or coalesce(i.language, 'en') = $6)
       and ($4::text is null or exists (
         select 1 from message s where s.conversation_id = i.id and s.role in ('user', 'assistant')
            and to_tsvector('simple', coalesce(s.content, ''))
                @@ websearch_to_tsquery('simple', $4)))
      """;

  private final Pool pool;

  InboxRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * The view's conversations for {@code agent}: those with an open ticket first (oldest first, the
   * service orders them by SLA due), then the newest; at most {@code limit}.
   */
  Uni<List<InboxRow>> list(String agent, Filter f, int limit) {
    return pool.preparedQuery(
            INBOX
                + " select * from inbox i where"
                + MATCHES
                + " and ($7::text is null or i.status = $7) and ($8::text is null or i.bucket = $8)"
                + " order by i.sla_from asc nulls last, i.updated_at desc limit $9")
        .execute(
            Tuple.from(
                Arrays.<Object>asList(
                    agent,
                    f.tier(),
                    f.reason(),
                    f.query(),
                    f.label(),
                    f.language(),
                    f.status(),
                    f.bucket(),
                    limit)))
        .map(rows -> Rows.list(rows, InboxRepository::row));
  }

  /** Conversations per status and assignee bucket, under the view's other filters. */
  Uni<List<Count>> counts(String agent, Filter f) {
    return pool.preparedQuery(
            INBOX
                + " select i.status, i.bucket, count(*) as n from inbox i where"
                + MATCHES
                + " group by i.status, i.bucket")
        .execute(
            Tuple.from(
                Arrays.<Object>asList(
                    agent, f.tier(), f.reason(), f.query(), f.label(), f.language())))
        .map(
            rows ->
                Rows.list(
                    rows,
                    r -> new Count(r.getString("status"), r.getString("bucket"), r.getLong("n"))));
  }

  /** One conversation as the inbox lists it for {@code agent}; empty when there is none. */
  Uni<Optional<InboxRow>> one(String agent, UUID id) {
    return pool.preparedQuery(INBOX + " select * from inbox i where i.id = $2")
        .execute(Tuple.of(agent, id))
        .map(rows -> Rows.optional(rows, InboxRepository::row));
  }

  /** Sets the agent's status (and the snooze's end); the customer id, empty without the row. */
  Uni<Optional<String>> setStatus(
      SqlClient db, UUID id, String status, OffsetDateTime snoozedUntil) {
    return db.preparedQuery(
            "update conversation set inbox_status = $2, inbox_status_at = now(), snoozed_until = $3"
                + " where id = $1 returning customer_id")
        .execute(Tuple.of(id, status, snoozedUntil))
        .map(rows -> Rows.optional(rows, r -> r.getString("customer_id")));
  }

  /** Sets (or with null clears) the agent the conversation is assigned to. */
  Uni<Optional<String>> setAssignee(SqlClient db, UUID id, String assignee) {
    return db.preparedQuery(
            "update conversation set assignee = $2 where id = $1 returning customer_id")
        .execute(Tuple.of(id, assignee))
        .map(rows -> Rows.optional(rows, r -> r.getString("customer_id")));
  }

  /** Sets the conversation's priority (null: its ticket's, else normal). */
  Uni<Optional<String>> setPriority(SqlClient db, UUID id, String priority) {
    return db.preparedQuery(
            "update conversation set priority = $2 where id = $1 returning customer_id")
        .execute(Tuple.of(id, priority))
        .map(rows -> Rows.optional(rows, r -> r.getString("customer_id")));
  }

  private static InboxRow row(Row r) {
    return new InboxRow(
        r.getUUID("id"),
        r.getString("customer_id"),
        r.getString("customer_name"),
        r.getString("tier"),
        r.getString("status"),
        r.getOffsetDateTime("snoozed_until"),
        r.getString("assignee"),
        r.getString("priority"),
        r.getString("subject"),
        r.getString("last_message"),
        r.getLong("ticket_number"),
        r.getString("reason"),
        r.getString("summary"),
        r.getDouble("confidence"),
        r.getOffsetDateTime("sla_from"),
        r.getOffsetDateTime("first_reply_at"),
        r.getString("taken_over_by"),
        r.getOffsetDateTime("updated_at"),
        List.of(r.getArrayOfStrings("labels")),
        r.getString("language"));
  }
}
