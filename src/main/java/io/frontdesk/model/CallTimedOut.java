package io.frontdesk.model;

/** A model response sent nothing for the call timeout. */
final class CallTimedOut extends RuntimeException {

  CallTimedOut(String endpoint) {
    super("the model endpoint " + endpoint + " sent nothing in time", null, false, false);
  }
}
