package io.frontdesk.toolgate;

/** A tool call that must not run (or could not): its message is what the model is told. */
public class ToolRefused extends RuntimeException {

  private static final String NOT_YOURS = " not found for this customer";

  public ToolRefused(String message) {
    super(message);
  }

  /**
   * The thing named is not the customer's (or does not exist): a definitive answer the agent can
   * give ("that order is not on your account"), not a failure of the call.
   */
  public static ToolRefused notYours(String noun, String id) {
    return new ToolRefused(noun + " " + id + NOT_YOURS);
  }

  /** Whether a refusal's message is a {@link #notYours} answer. */
  public static boolean isNotYours(String message) {
    return message != null && message.endsWith(NOT_YOURS);
  }
}
