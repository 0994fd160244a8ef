package io.frontdesk.http;

/** The request is malformed in a way the annotations cannot express (HTTP 400). */
public class BadRequest extends RuntimeException {

  public BadRequest(String message) {
    super(message);
  }
}
