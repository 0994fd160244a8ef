package io.frontdesk.http;

/** The caller is not a known customer (HTTP 401). */
public class Unauthenticated extends RuntimeException {

  public Unauthenticated(String message) {
    super(message);
  }
}
