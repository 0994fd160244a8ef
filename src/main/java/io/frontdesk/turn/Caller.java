package io.frontdesk.turn;

import java.util.Set;

/**
 * Who a tool call acts for, resolved by the gate from the authenticated turn: the customer (the
 * token's {@code sub}), their tier (from the database) and roles. Tools take the customer from
 * here, never from an argument the model wrote.
 */
public record Caller(String customerId, String tier, Set<String> roles) {

  public Caller {
    if (customerId == null || customerId.isBlank()) {
      throw new IllegalArgumentException("a caller needs a customer id");
    }
    roles = Set.copyOf(roles);
  }
}
