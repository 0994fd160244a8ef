package io.frontdesk.account;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * What an account action reads and records, over the reactive SQL client: it runs inside the tool
 * gate's transaction (with the gate's idempotency and audit rows), so not through Panache.
 */
@ApplicationScoped
public class AccountRepository {

  /** A customer's current subscription as the account action reports it. */
  record Subscription(
      String plan,
      String billingCycle,
      String status,
      int priceCents,
      String currency,
      OffsetDateTime renewsAt) {}

  /** What a turn needs to know of its customer: the tier (never the model's word) and email. */
  public record TurnCustomer(String tier, String email) {}

  /** The customer's tier and email, or empty when there is no such customer. */
  public Uni<Optional<TurnCustomer>> forTurn(SqlClient db, String customerId) {
    return db.preparedQuery("select tier, email from customer where id = $1")
        .execute(Tuple.of(customerId))
        .map(
            rows ->
                Rows.optional(
                    rows, r -> new TurnCustomer(r.getString("tier"), r.getString("email"))));
  }

  /** The address on file, or empty when there is no such customer. */
  Uni<Optional<String>> email(SqlClient db, String customerId) {
    return db.preparedQuery("select email from customer where id = $1")
        .execute(Tuple.of(customerId))
        .map(rows -> Rows.optional(rows, r -> r.getString("email")));
  }

  /** The most recently started subscription, or empty when the customer has none. */
  Uni<Optional<Subscription>> currentSubscription(SqlClient db, String customerId) {
    return db.preparedQuery(
            "select plan, billing_cycle, status, price_cents, currency, renews_at from subscription"
                + " where customer_id = $1 order by started_at desc limit 1")
        .execute(Tuple.of(customerId))
        .map(
            rows ->
                Rows.optional(
                    rows,
                    r ->
                        new Subscription(
                            r.getString("plan"),
                            r.getString("billing_cycle"),
                            r.getString("status"),
                            r.getInteger("price_cents"),
                            r.getString("currency"),
                            r.getOffsetDateTime("renews_at"))));
  }

  /** Records an action taken for the customer (a link sent), with when its link expires. */
  Uni<Void> recordAction(
      SqlClient db,
      String customerId,
      String action,
      String status,
      String detail,
      OffsetDateTime expires,
      OffsetDateTime at) {
    return db.preparedQuery(
            "insert into account_action (customer_id, action, status, detail, expires_at,"
                + " created_at) values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(customerId, action, status, detail, expires, at))
        .replaceWithVoid();
  }
}
