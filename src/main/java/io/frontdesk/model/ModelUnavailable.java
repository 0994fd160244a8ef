package io.frontdesk.model;

/**
 * The model endpoint could not answer this call (throttled, failing, unreachable, silent, or its
 * circuit open), after the retries it was worth: the turn goes on without it.
 */
public final class ModelUnavailable extends RuntimeException {

  private final ProviderFailure failure;

  ModelUnavailable(String endpoint, ProviderFailure failure, Throwable cause) {
    super("model endpoint " + endpoint + ": " + failure.kind().code(), cause, false, false);
    this.failure = failure;
  }

  public ProviderFailure failure() {
    return failure;
  }
}
