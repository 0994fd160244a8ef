package io.frontdesk.scenario;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {name}} in a scenario from the customer's own rows, so scenarios stay true to the
 * demo data: {order} and {refundable} (their newest paid order with something left to refund),
 * {invoice} (newest invoice number), {invoice_total}, {plan}, {email}, {service}, {service_name}
 * and {service_status} (their first service not running, else the first), {other_order} (another
 * customer's order); after the duplicate_charge fixture, {duplicate_order}, {duplicate_invoice}
 * (its number), {duplicate_total} and {charged_invoice} (the number of the invoice it duplicates).
 */
final class Placeholders {

  private static final Pattern NAME = Pattern.compile("\\{([a-z_]+)}");

  private final Map<String, String> values = new HashMap<>();

  /** Given values (tests). */
  Placeholders(Map<String, String> given) {
    values.putAll(given);
  }

  Placeholders(Connection db, String customer) throws SQLException {
    one(
        db,
        "select i.order_id, i.amount_cents + i.tax_cents from invoice i where i.customer_id = ?"
            + " and i.status = 'paid' and not exists (select 1 from refund r where r.order_id ="
            + " i.order_id) order by i.issued_at desc limit 1",
        customer,
        "order",
        "refundable_cents");
    if (values.containsKey("refundable_cents")) {
      long cents = Long.parseLong(values.get("refundable_cents"));
      values.put(
          "refundable", String.format(java.util.Locale.ROOT, "%d.%02d", cents / 100, cents % 100));
    }
    one(
        db,
        "select number, amount_cents + tax_cents from invoice where customer_id = ? order by"
            + " issued_at desc limit 1",
        customer,
        "invoice",
        "invoice_total_cents");
    if (values.containsKey("invoice_total_cents")) {
      long cents = Long.parseLong(values.get("invoice_total_cents"));
      values.put(
          "invoice_total",
          String.format(java.util.Locale.ROOT, "%d.%02d", cents / 100, cents % 100));
    }
    one(db, "select plan from subscription where customer_id = ? limit 1", customer, "plan");
    one(db, "select email from customer where id = ?", customer, "email");
    one(
        db,
        "select id, status, name from service where customer_id = ? order by (status ="
            + " 'running'), id limit 1",
        customer,
        "service",
        "service_status",
        "service_name");
    one(
        db,
        "select id from orders where customer_id <> ? order by id limit 1",
        customer,
        "other_order");
    String dup = Fixtures.duplicateSuffix(customer);
    one(
        db,
        "select d.order_id, d.number, to_char((d.amount_cents + d.tax_cents) / 100.0, 'FM999990.00'),"
            + " i.number from invoice d join invoice i on"
            + " i.order_id <> d.order_id and i.customer_id = d.customer_id and i.amount_cents ="
            + " d.amount_cents and i.issued_at = d.issued_at - interval '3 minutes' where d.id ="
            + " 'inv_' || ?",
        dup,
        "duplicate_order",
        "duplicate_invoice",
        "duplicate_total",
        "charged_invoice");
  }

  private void one(Connection db, String sql, String customer, String... names)
      throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setString(1, customer);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          for (int i = 0; i < names.length; i++) {
            values.put(names[i], rs.getString(i + 1));
          }
        }
      }
    }
  }

  String fill(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = NAME.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("no value for {" + m.group(1) + "}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }
}
