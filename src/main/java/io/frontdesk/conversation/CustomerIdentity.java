package io.frontdesk.conversation;

import io.frontdesk.http.Unauthenticated;

/**
 * TEMPORARY: until the security issue lands, the customer is named by the {@value #HEADER} request
 * header. It is the only place identity enters; tools never take it from the model.
 */
public final class CustomerIdentity {

  public static final String HEADER = "X-Customer-Id";

  private CustomerIdentity() {}

  static String require(String header) {
    if (header == null || header.isBlank()) {
      throw new Unauthenticated("missing " + HEADER + " header naming the customer");
    }
    return header.strip();
  }
}
