package io.frontdesk.account;

import java.time.OffsetDateTime;

/** A customer as the API shows it. */
public record CustomerView(
    String id,
    String name,
    String email,
    String tier,
    String company,
    String country,
    OffsetDateTime createdAt) {

  public static CustomerView of(Customer c) {
    return new CustomerView(c.id, c.name, c.email, c.tier, c.company, c.country, c.createdAt);
  }
}
