package io.frontdesk.account;

import io.frontdesk.toolgate.ToolRefused;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** Account operations for one customer: password resets, email changes, subscription details. */
@ApplicationScoped
public class AccountService {

  static final int RESET_LINK_MINUTES = 60;
  static final int EMAIL_LINK_HOURS = 24;

  private final AccountConfig config;

  AccountService(AccountConfig config) {
    this.config = config;
  }

  /** Runs inside the tool gate's transaction {@code db}, with its idempotency and audit rows. */
  public Uni<AccountActionResult> perform(SqlClient db, String customerId, String action) {
    if (!config.allowedActions().contains(action)) {
      return Uni.createFrom()
          .failure(
              new ToolRefused(
                  "action not allowed: %s (allowed: %s)"
                      .formatted(
                          action, String.join(", ", new TreeSet<>(config.allowedActions())))));
    }
    return db.preparedQuery("select email from customer where id = $1")
        .execute(Tuple.of(customerId))
        .chain(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Uni.createFrom().failure(new ToolRefused("customer not found"));
              }
              String email = rows.iterator().next().getString("email");
              return switch (action) {
                case "password_reset" -> passwordReset(db, customerId, email);
                case "email_update" -> emailUpdate(db, customerId, email);
                case "subscription_info" -> subscriptionInfo(db, customerId);
                default -> Uni.createFrom().failure(new ToolRefused("unknown action " + action));
              };
            });
  }

  private Uni<AccountActionResult> passwordReset(SqlClient db, String customerId, String email) {
    OffsetDateTime expires = now().plusMinutes(RESET_LINK_MINUTES);
    return record(
            db,
            customerId,
            "password_reset",
            "link_sent",
            "reset link sent to " + mask(email),
            expires)
        .replaceWith(
            new AccountActionResult(
                "password_reset",
                "link_sent",
                "A password reset link was emailed to the address on file. It is valid for %d minutes and works once."
                    .formatted(RESET_LINK_MINUTES),
                Map.of("sent_to", mask(email), "expires_at", expires.toString())));
  }

  private Uni<AccountActionResult> emailUpdate(SqlClient db, String customerId, String email) {
    OffsetDateTime expires = now().plusHours(EMAIL_LINK_HOURS);
    return record(
            db,
            customerId,
            "email_update",
            "confirmation_sent",
            "email change confirmation sent to " + mask(email),
            expires)
        .replaceWith(
            new AccountActionResult(
                "email_update",
                "confirmation_sent",
                "A confirmation link was emailed to the current address. The customer follows it"
                    + " to enter the new address, which must then be confirmed too; links are"
                    + " valid for %d hours.".formatted(EMAIL_LINK_HOURS),
                Map.of("sent_to", mask(email), "expires_at", expires.toString())));
  }

  private Uni<AccountActionResult> subscriptionInfo(SqlClient db, String customerId) {
    return db.preparedQuery(
            "select plan, billing_cycle, status, price_cents, currency, renews_at from subscription"
                + " where customer_id = $1 order by started_at desc limit 1")
        .execute(Tuple.of(customerId))
        .map(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return new AccountActionResult(
                    "subscription_info",
                    "completed",
                    "The customer has no subscription.",
                    Map.of());
              }
              Row r = rows.iterator().next();
              Map<String, Object> details = new LinkedHashMap<>();
              details.put("plan", r.getString("plan"));
              details.put("billing_cycle", r.getString("billing_cycle"));
              details.put("status", r.getString("status"));
              details.put(
                  "price",
                  "%.2f %s"
                      .formatted(r.getInteger("price_cents") / 100.0, r.getString("currency")));
              OffsetDateTime renews = r.getOffsetDateTime("renews_at");
              details.put("renews_at", renews == null ? "not renewing" : renews.toString());
              return new AccountActionResult(
                  "subscription_info", "completed", "Current subscription.", details);
            });
  }

  private Uni<Void> record(
      SqlClient db,
      String customerId,
      String action,
      String status,
      String detail,
      OffsetDateTime expires) {
    return db.preparedQuery(
            "insert into account_action (customer_id, action, status, detail, expires_at,"
                + " created_at) values ($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.of(customerId, action, status, detail, expires, now()))
        .replaceWithVoid();
  }

  /** t***@example.com: enough for the customer to recognise, not enough to leak. */
  static String mask(String email) {
    int at = email.indexOf('@');
    return at <= 1
        ? "***" + email.substring(Math.max(at, 0))
        : email.charAt(0) + "***" + email.substring(at);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
