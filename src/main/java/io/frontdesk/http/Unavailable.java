package io.frontdesk.http;

/** The service could not do or store the work now; the client may try again (HTTP 503). */
public class Unavailable extends RuntimeException {

  public Unavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
