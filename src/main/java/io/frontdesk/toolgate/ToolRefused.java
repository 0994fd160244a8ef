package io.frontdesk.toolgate;

/** A tool call that must not run (or could not): its message is what the model is told. */
public class ToolRefused extends RuntimeException {

  public ToolRefused(String message) {
    super(message);
  }
}
