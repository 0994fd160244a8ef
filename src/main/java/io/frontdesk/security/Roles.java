package io.frontdesk.security;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The three kinds of caller. A token's {@code groups} claim names them; a token with neither
 * {@value #AGENT} nor {@value #ADMIN} is a customer's, whose identity claim (default {@code sub})
 * is the customer id.
 */
public final class Roles {

  /** A customer of the desk, named by the identity claim; the tier comes from the database. */
  public static final String CUSTOMER = "customer";

  /** A human support agent: reviews approvals, reads customers and tickets in the console. */
  public static final String AGENT = "agent";

  /** An administrator: everything an agent may do, plus audit and content administration. */
  public static final String ADMIN = "admin";

  private Roles() {}

  /** The roles a token's groups grant: admins are agents too; other tokens are customers'. */
  public static Set<String> of(Set<String> groups) {
    Set<String> roles = new LinkedHashSet<>();
    if (groups.contains(ADMIN)) {
      roles.add(ADMIN);
      roles.add(AGENT);
    } else if (groups.contains(AGENT)) {
      roles.add(AGENT);
    } else {
      roles.add(CUSTOMER);
    }
    return Set.copyOf(roles);
  }
}
