package io.frontdesk.console;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What an agent sees of the customer beside a conversation: who they are, their plan, their
 * services and how they run, their latest invoices, and their past conversations with the rating
 * they gave (aggregates over several features' rows, read with the reactive SQL client).
 */
@ApplicationScoped
class CustomerPanelRepository {

  /** The customer and their current plan (plan fields null without a subscription). */
  record Profile(
      String id,
      String name,
      String email,
      String tier,
      String company,
      String country,
      OffsetDateTime since,
      String plan,
      String billingCycle,
      String planStatus,
      OffsetDateTime renewsAt) {}

  /** One of the customer's services as their monitoring reports it. */
  record Service(String name, String type, String region, String status) {}

  /** One invoice: its number, total with tax, and state. */
  record Invoice(
      String number,
      BigDecimal total,
      String currency,
      String status,
      OffsetDateTime issuedAt,
      OffsetDateTime dueAt) {}

  /** An earlier conversation: what it began with, how it stands, and the customer's rating. */
  record Past(UUID id, String subject, String status, OffsetDateTime startedAt, Integer rating) {}

  private static final int INVOICES = 3;
  private static final int CONVERSATIONS = 5;

  private final Pool pool;

  CustomerPanelRepository(Pool pool) {
    this.pool = pool;
  }

  Uni<Optional<Profile>> profile(String customer) {
    return pool.preparedQuery(
            """
            select c.id, c.name, c.email, c.tier, c.company, c.country, c.created_at,
                   s.plan, s.billing_cycle, s.status, s.renews_at
              from customer c
              left join lateral (select * from subscription x where x.customer_id = c.id
                                  order by x.started_at desc limit 1) s on true
             where c.id = $1
            """)
        .execute(Tuple.of(customer))
        .map(
            rows ->
                Rows.optional(
                    rows,
                    r ->
                        new Profile(
                            r.getString("id"),
                            r.getString("name"),
                            r.getString("email"),
                            r.getString("tier"),
                            r.getString("company"),
                            r.getString("country"),
                            r.getOffsetDateTime("created_at"),
                            r.getString("plan"),
                            r.getString("billing_cycle"),
                            r.getString(9),
                            r.getOffsetDateTime("renews_at"))));
  }

  Uni<List<Service>> services(String customer) {
    return pool.preparedQuery(
            "select name, type, region, status from service where customer_id = $1 order by"
                + " status = 'running', name")
        .execute(Tuple.of(customer))
        .map(
            rows ->
                Rows.list(
                    rows,
                    r ->
                        new Service(
                            r.getString("name"),
                            r.getString("type"),
                            r.getString("region"),
                            r.getString("status"))));
  }

  Uni<List<Invoice>> invoices(String customer) {
    return pool.preparedQuery(
            "select number, (amount_cents + tax_cents) / 100.0 as total, currency, status,"
                + " issued_at, due_at from invoice where customer_id = $1 order by issued_at desc"
                + " limit $2")
        .execute(Tuple.of(customer, INVOICES))
        .map(
            rows ->
                Rows.list(
                    rows,
                    r ->
                        new Invoice(
                            r.getString("number"),
                            r.getBigDecimal("total"),
                            r.getString("currency"),
                            r.getString("status"),
                            r.getOffsetDateTime("issued_at"),
                            r.getOffsetDateTime("due_at"))));
  }

  /** The customer's latest conversations other than {@code except}. */
  Uni<List<Past>> conversations(String customer, UUID except) {
    return pool.preparedQuery(
            """
            select c.id, c.status, c.created_at, r.score,
                   (select left(m.content, 120) from message m where m.conversation_id = c.id
                       and m.role = 'user' and m.agent is null order by m.id limit 1) as subject
              from conversation c
              left join conversation_rating r on r.conversation_id = c.id
             where c.customer_id = $1 and ($2::uuid is null or c.id <> $2)
             order by c.created_at desc limit $3
            """)
        .execute(Tuple.of(customer, except, CONVERSATIONS))
        .map(
            rows ->
                Rows.list(
                    rows,
                    r ->
                        new Past(
                            r.getUUID("id"),
                            r.getString("subject"),
                            r.getString("status"),
                            r.getOffsetDateTime("created_at"),
                            r.getInteger("score"))));
  }
}
