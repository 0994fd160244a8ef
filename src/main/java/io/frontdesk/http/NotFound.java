package io.frontdesk.http;

/** A requested resource does not exist (HTTP 404). */
public class NotFound extends RuntimeException {

  public NotFound(String what, String id) {
    super(what + " " + id + " does not exist");
  }
}
