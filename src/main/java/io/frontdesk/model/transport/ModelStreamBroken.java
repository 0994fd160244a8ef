package io.frontdesk.model.transport;

/**
 * A model endpoint's answer broke off: its stream ended (or its connection closed) before the
 * answer's end — no {@code finish_reason} and no {@code data: [DONE]} — or it sent a chunk that is
 * not JSON. Nothing of such an answer is kept: it is a failure of the endpoint, like a 5xx.
 */
public final class ModelStreamBroken extends RuntimeException {

  /** How the answer broke off. */
  public enum How {
    /** The stream ended or its connection closed before the answer's end. */
    TRUNCATED,
    /** A chunk could not be read as JSON. */
    MALFORMED
  }

  private final How how;
  private final String detail;

  ModelStreamBroken(How how, String endpoint, String detail, Throwable cause) {
    super("model endpoint " + endpoint + ": " + detail, cause, false, false);
    this.how = how;
    this.detail = detail;
  }

  public How how() {
    return how;
  }

  /** What was wrong with the stream (without the endpoint). */
  public String detail() {
    return detail;
  }
}
