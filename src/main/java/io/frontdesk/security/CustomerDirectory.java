package io.frontdesk.security;

import io.smallrye.mutiny.Uni;

/**
 * Whether a customer exists: security asks, the account feature answers (a port the lower room owns
 * and the higher one implements, like {@code toolgate.ApprovalRequests}).
 */
public interface CustomerDirectory {

  Uni<Boolean> exists(String customerId);
}
