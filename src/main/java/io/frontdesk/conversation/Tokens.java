package io.frontdesk.conversation;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Prompt tokens as the model counts them: the o200k_base tokenizer of the GPT-4o family (the
 * default model; other models' tokenizers differ by a few percent), plus a fixed overhead per chat
 * message for its role and separators. Deterministic and offline (jtokkit).
 */
public final class Tokens {

  /** What a chat message costs beyond its text (role and delimiters; OpenAI counts 3 to 4). */
  public static final int PER_MESSAGE = 4;

  // the lazy registry builds only the encoding asked for; the default one builds all four (o200k,
  // cl100k, p50k, r50k: seconds of start-up and tens of MB of heap for one used)
  private static final Encoding ENCODING =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

  private Tokens() {}

  /** Tokens of a text alone; special-token markup in it counts as ordinary text. */
  public static int count(String text) {
    return text == null || text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text);
  }

  /** Tokens one chat message of this text costs. */
  public static int message(String text) {
    return count(text) + PER_MESSAGE;
  }
}
