package io.frontdesk.account;

import io.frontdesk.toolgate.ToolRefused;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
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
  private final AccountRepository accounts;

  AccountService(AccountConfig config, AccountRepository accounts) {
    this.config = config;
    this.accounts = accounts;
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
    return accounts
        .email(db, customerId)
        .chain(
            email ->
                email.isPresent()
                    ? act(db, customerId, action, email.get())
                    : Uni.createFrom().failure(new ToolRefused("customer not found")));
  }

  private Uni<AccountActionResult> act(
      SqlClient db, String customerId, String action, String email) {
    return switch (action) {
      case "password_reset" -> passwordReset(db, customerId, email);
      case "email_update" -> emailUpdate(db, customerId, email);
      case "subscription_info" -> subscriptionInfo(db, customerId);
      default -> Uni.createFrom().failure(new ToolRefused("unknown action " + action));
    };
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
    return accounts
        .currentSubscription(db, customerId)
        .map(
            found -> {
              if (found.isEmpty()) {
                return new AccountActionResult(
                    "subscription_info",
                    "completed",
                    "The customer has no subscription.",
                    Map.of());
              }
              AccountRepository.Subscription sub = found.get();
              Map<String, Object> details = new LinkedHashMap<>();
              details.put("plan", sub.plan());
              details.put("billing_cycle", sub.billingCycle());
              details.put("status", sub.status());
              details.put("price", "%.2f %s".formatted(sub.priceCents() / 100.0, sub.currency()));
              details.put(
                  "renews_at", sub.renewsAt() == null ? "not renewing" : sub.renewsAt().toString());
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
    return accounts.recordAction(db, customerId, action, status, detail, expires, now());
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
