package io.frontdesk.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** Who is calling this request, from the verified token: the only place identity enters. */
@RequestScoped
public class CurrentCaller {

  private final SecurityIdentity identity;

  CurrentCaller(SecurityIdentity identity) {
    this.identity = identity;
  }

  /**
   * The calling customer's id (the configured identity claim, default {@code sub}); a 403 for
   * agents and admins.
   */
  public String customerId() {
    if (!identity.hasRole(Roles.CUSTOMER)) {
      throw new ForbiddenException("this endpoint is for customers");
    }
    return identity.getPrincipal().getName();
  }

  /** The caller's id, whoever they are. */
  public String subject() {
    return identity.getPrincipal().getName();
  }

  public boolean is(String role) {
    return identity.hasRole(role);
  }
}
