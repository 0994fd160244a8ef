package io.frontdesk.scenario;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Rows a scenario adds to the demo data before it runs ({@code setup:}), for cases the generated
 * data does not have. Each is idempotent (fixed ids, {@code on conflict do nothing}), so the k runs
 * of a scenario find the same data.
 */
final class Fixtures {

  private Fixtures() {}

  static void apply(Connection db, String fixture, String customer) throws SQLException {
    switch (fixture) {
      case "duplicate_charge" -> duplicateCharge(db, customer);
      default -> throw new IllegalArgumentException("unknown fixture " + fixture);
    }
  }

  /**
   * The customer's newest paid order billed and charged a second time three minutes later: same
   * description (the same period), same amount, its own order, invoice and succeeded payment (ids
   * ord_9xxxxxx, inv_9xxxxxx, pay_9xxxxxx, number SKY-yyyy-9xxxxxx; {@link Placeholders} names them
   * {duplicate_order} and {duplicate_invoice}).
   */
  private static void duplicateCharge(Connection db, String customer) throws SQLException {
    String n = duplicateSuffix(customer);
    String source =
        "(select o.id, o.subscription_id, o.description, o.amount_cents, o.currency,"
            + " o.created_at, i.id as invoice_id, i.number, i.tax_cents, i.issued_at, i.due_at,"
            + " i.paid_at from invoice i join orders o on o.id = i.order_id where i.customer_id ="
            + " ? and i.status = 'paid' and i.id not like 'inv_9%' order by i.issued_at desc"
            + " limit 1) s";
    update(
        db,
        "insert into orders (id, customer_id, subscription_id, description, amount_cents,"
            + " currency, status, created_at) select 'ord_"
            + n
            + "', ?, s.subscription_id, s.description, s.amount_cents, s.currency, 'paid',"
            + " s.created_at + interval '3 minutes' from "
            + source
            + " on conflict do nothing",
        customer,
        customer);
    update(
        db,
        "insert into invoice (id, customer_id, order_id, number, amount_cents, tax_cents,"
            + " currency, status, issued_at, due_at, paid_at) select 'inv_"
            + n
            + "', ?, 'ord_"
            + n
            + "', 'SKY-' || extract(year from s.issued_at)::int || '-"
            + n
            + "', s.amount_cents, s.tax_cents, s.currency, 'paid', s.issued_at + interval '3"
            + " minutes', s.due_at + interval '3 minutes', s.paid_at + interval '3 minutes' from "
            + source
            + " on conflict do nothing",
        customer,
        customer);
    update(
        db,
        "insert into payment (id, customer_id, invoice_id, amount_cents, currency, method,"
            + " card_last4, status, failure_reason, created_at) select 'pay_"
            + n
            + "', ?, 'inv_"
            + n
            + "', p.amount_cents, p.currency, p.method, p.card_last4, 'succeeded', null,"
            + " p.created_at + interval '3 minutes' from payment p where p.customer_id = ? and"
            + " p.status = 'succeeded' and p.invoice_id = (select i.id from invoice i where"
            + " i.customer_id = ? and i.status = 'paid' and i.id not like 'inv_9%' order by"
            + " i.issued_at desc limit 1) on conflict do nothing",
        customer,
        customer,
        customer);
  }

  /** 9 and the customer's number: cus_0046 → 9000046. */
  static String duplicateSuffix(String customer) {
    return "9" + String.format("%06d", Integer.parseInt(customer.substring(4)));
  }

  private static void update(Connection db, String sql, String... args) throws SQLException {
    try (PreparedStatement st = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setString(i + 1, args[i]);
      }
      st.executeUpdate();
    }
  }
}
