package io.frontdesk.conversation;

/**
 * Token estimate used for the memory budget: one token per four characters plus a fixed per-message
 * overhead. Provider-independent and deterministic (real tokenizers differ by model).
 */
public final class Tokens {

  static final int PER_MESSAGE = 4;

  private Tokens() {}

  public static int estimate(int chars) {
    return (chars + 3) / 4 + PER_MESSAGE;
  }

  public static int estimate(String text) {
    return estimate(text == null ? 0 : text.length());
  }
}
