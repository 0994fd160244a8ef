package io.frontdesk.demo;

import java.time.OffsetDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Customers with their subscriptions and billing history (orders, invoices, payments, refunds). */
final class DemoBusiness {

  static final int CUSTOMERS = 240;

  private static final List<String> FIRST =
      List.of(
          "Ava", "Liam", "Mia", "Noah", "Emma", "Oliver", "Sofia", "Lucas", "Amara", "Kenji",
          "Priya", "Mateo", "Chloe", "Arjun", "Hannah", "Diego", "Ingrid", "Omar", "Yuki", "Fatima",
          "Leon", "Nora", "Ravi", "Elena", "Tomás", "Zara", "Felix", "Aisha", "Jonas", "Lena");
  private static final List<String> LAST =
      List.of(
          "Smith",
          "Garcia",
          "Müller",
          "Rossi",
          "Dubois",
          "Tanaka",
          "Patel",
          "Silva",
          "Kowalski",
          "Johansson",
          "Nguyen",
          "Okafor",
          "Brown",
          "Costa",
          "Schmidt",
          "Ivanova",
          "Haddad",
          "Lee",
          "Martin",
          "Jansen",
          "Kumar",
          "Lopez",
          "Novak",
          "Fischer",
          "Moreau");
  private static final List<String> COMPANIES =
      List.of(
          "Northwind Labs",
          "Bluepeak Analytics",
          "Orbital Foods",
          "Tidewater Health",
          "Kestrel Apps",
          "Lumen Retail",
          "Quarry Logistics",
          "Pinecone Studio",
          "Harbor Finance",
          "Vertex Robotics",
          "Solstice Media",
          "Granite Insurance",
          "Mosaic Travel",
          "Cobalt Energy",
          "Fernway Education");
  private static final List<String> COUNTRIES =
      List.of("US", "GB", "DE", "FR", "NL", "IN", "BR", "CA", "AU", "ES", "SE", "JP");
  private static final List<String> DECLINES =
      List.of("card_declined", "insufficient_funds", "expired_card");

  final DemoTable customers =
      DemoTable.of("customer", "id, name, email, tier, company, country, created_at");
  final DemoTable subscriptions =
      DemoTable.of(
          "subscription",
          "id, customer_id, plan, billing_cycle, status, price_cents, currency, started_at,"
              + " renews_at, canceled_at");
  final DemoTable orders =
      DemoTable.of(
          "orders",
          "id, customer_id, subscription_id, description, amount_cents, currency, status,"
              + " created_at");
  final DemoTable invoices =
      DemoTable.of(
          "invoice",
          "id, customer_id, order_id, number, amount_cents, tax_cents, currency, status, issued_at,"
              + " due_at, paid_at");
  final DemoTable payments =
      DemoTable.of(
          "payment",
          "id, customer_id, invoice_id, amount_cents, currency, method, card_last4, status,"
              + " failure_reason, created_at");
  final DemoTable refunds =
      DemoTable.of(
          "refund",
          "id, customer_id, order_id, payment_id, amount_cents, currency, reason, status,"
              + " idempotency_key, created_at");

  private final Random random;
  private final OffsetDateTime anchor;
  private int orderSeq;
  private int paymentSeq;
  private int refundSeq;

  DemoBusiness(Random random, OffsetDateTime anchor) {
    this.random = random;
    this.anchor = anchor;
  }

  /** Tier by position: ids ending 1–5 are free, 6–8 pro, 9 and 0 enterprise. */
  static String tierOf(int index) {
    int digit = index % 10;
    return digit >= 1 && digit <= 5 ? "free" : digit <= 8 && digit != 0 ? "pro" : "enterprise";
  }

  static String customerId(int index) {
    return "cus_%04d".formatted(index);
  }

  void generate() {
    for (int i = 1; i <= CUSTOMERS; i++) {
      customer(i);
    }
  }

  private void customer(int index) {
    String id = customerId(index);
    String tier = tierOf(index);
    String first = pick(FIRST);
    String last = pick(LAST);
    String company = tier.equals("free") ? null : pick(COMPANIES);
    String domain =
        company == null ? "mail.example" : company.toLowerCase().replace(' ', '-') + ".example";
    String email = ascii(first + "." + last).toLowerCase() + index + "@" + domain;
    String country = pick(COUNTRIES);
    OffsetDateTime created = anchor.minusDays(60 + random.nextInt(800)).withHour(9 + index % 9);
    customers.add(id, first + " " + last, email, tier, company, country, created);
    subscription(index, id, tier, country, created);
  }

  private void subscription(
      int index, String customerId, String tier, String country, OffsetDateTime started) {
    String subId = "sub_%04d".formatted(index);
    if (tier.equals("free")) {
      subscriptions.add(subId, customerId, "free", "none", "active", 0, "USD", started, null, null);
      if (random.nextInt(5) == 0) {
        paidOrder(
            customerId, null, "Custom domain add-on", 1200, country, started.plusDays(20), false);
      }
      return;
    }
    boolean annual = random.nextInt(10) < 3;
    int monthly = tier.equals("pro") ? 4900 : List.of(49900, 79900, 129900).get(random.nextInt(3));
    int price = annual ? monthly * 10 : monthly;
    int roll = random.nextInt(100);
    String status = roll < 6 ? "past_due" : roll < 9 ? "canceled" : "active";
    int months = annual ? 12 : 1;
    OffsetDateTime period = started;
    int periods = 0;
    while (!period.plusMonths(months).isAfter(anchor)) {
      period = period.plusMonths(months);
      periods++;
    }
    OffsetDateTime renews = period.plusMonths(months);
    subscriptions.add(
        subId,
        customerId,
        tier,
        annual ? "annual" : "monthly",
        status,
        price,
        "USD",
        started,
        status.equals("canceled") ? null : renews,
        status.equals("canceled") ? anchor.minusDays(3 + random.nextInt(20)) : null);
    int billed = Math.min(periods + 1, annual ? 3 : 12);
    for (int k = billed - 1; k >= 0; k--) {
      OffsetDateTime at = period.minusMonths((long) months * k);
      boolean unpaid = k == 0 && status.equals("past_due");
      paidOrder(customerId, subId, label(tier, annual, at), price, country, at, unpaid);
    }
    if (random.nextInt(4) == 0) {
      extraMinutes(customerId, subId, country);
    }
  }

  /** What an invoice of the plan says it bills: "Skyline Pro — monthly Mar 2026". */
  private static String label(String tier, boolean annual, OffsetDateTime at) {
    return "Skyline "
        + capitalize(tier)
        + " — "
        + (annual
            ? "annual " + at.getYear()
            : "monthly "
                + at.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                + " "
                + at.getYear());
  }

  private void extraMinutes(String customerId, String subId, String country) {
    paidOrder(
        customerId,
        subId,
        "Extra build minutes",
        500 + random.nextInt(46) * 100,
        country,
        anchor.minusDays(5 + random.nextInt(50)),
        false);
  }

  /** One order with its invoice and payment attempts; an unpaid one ends with a declined card. */
  private void paidOrder(
      String customerId,
      String subId,
      String description,
      int amount,
      String country,
      OffsetDateTime at,
      boolean unpaid) {
    orderSeq++;
    String orderId = "ord_%06d".formatted(orderSeq);
    String invoiceId = "inv_%06d".formatted(orderSeq);
    int tax = Math.round(amount * taxRate(country));
    int total = amount + tax;
    boolean bank = amount >= 499000;
    String last4 = bank ? null : "%04d".formatted(random.nextInt(10000));
    String method = bank ? "bank_transfer" : "card";
    boolean refunded = !unpaid && random.nextInt(30) == 0;
    boolean partial = refunded && random.nextBoolean();
    String orderStatus =
        unpaid ? "pending" : refunded ? (partial ? "partially_refunded" : "refunded") : "paid";
    orders.add(orderId, customerId, subId, description, amount, "USD", orderStatus, at);
    OffsetDateTime due = at.plusDays(bank ? 30 : 0);
    OffsetDateTime paidAt = unpaid ? null : at.plusMinutes(bank ? 60L * 24 * 12 : 2);
    invoices.add(
        invoiceId,
        customerId,
        orderId,
        "SKY-%d-%06d".formatted(at.getYear(), orderSeq),
        amount,
        tax,
        "USD",
        unpaid ? "open" : "paid",
        at,
        due,
        paidAt);
    if (unpaid || random.nextInt(20) == 0) {
      payment(
          customerId, invoiceId, total, method, last4, "failed", pick(DECLINES), at.plusMinutes(1));
    }
    if (unpaid) {
      payment(
          customerId, invoiceId, total, method, last4, "failed", pick(DECLINES), at.plusDays(3));
      return;
    }
    String paymentId =
        payment(customerId, invoiceId, total, method, last4, "succeeded", null, paidAt);
    if (refunded) {
      refund(customerId, orderId, paymentId, partial ? total / 2 : total, partial, paidAt);
    }
  }

  private void refund(
      String customerId,
      String orderId,
      String paymentId,
      int amount,
      boolean partial,
      OffsetDateTime paidAt) {
    refundSeq++;
    refunds.add(
        "ref_%06d".formatted(refundSeq),
        customerId,
        orderId,
        paymentId,
        amount,
        "USD",
        partial ? "Partial credit for service disruption" : "Requested within refund window",
        "succeeded",
        null,
        paidAt.plusDays(2 + random.nextInt(9)));
  }

  private String payment(
      String customerId,
      String invoiceId,
      int amount,
      String method,
      String last4,
      String status,
      String failure,
      OffsetDateTime at) {
    paymentSeq++;
    String id = "pay_%06d".formatted(paymentSeq);
    payments.add(id, customerId, invoiceId, amount, "USD", method, last4, status, failure, at);
    return id;
  }

  private static float taxRate(String country) {
    return switch (country) {
      case "GB", "DE", "FR", "NL", "ES", "SE" -> 0.20f;
      case "IN" -> 0.18f;
      case "AU" -> 0.10f;
      default -> 0f;
    };
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String ascii(String s) {
    return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "");
  }
}
