package io.frontdesk.http;

/** The request clashes with work in progress (HTTP 409). */
public class Conflict extends RuntimeException {

  public Conflict(String message) {
    super(message);
  }
}
