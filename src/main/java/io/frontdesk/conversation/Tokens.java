package io.frontdesk.conversation;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.frontdesk.startup.StartupPhases;

/**
 * Prompt tokens as the model counts them: the o200k_base tokenizer of the GPT-4o family (the
 * default model; other models' tokenizers differ by a few percent), plus a fixed overhead per chat
 * message for its role and separators. Deterministic and offline (jtokkit).
 */
public final class Tokens {

  /** What a chat message costs beyond its text (role and delimiters; OpenAI counts 3 to 4). */
  public static final int PER_MESSAGE = 4;

  /** The tables, built on first use (a holder: {@link #preload} itself must not build them). */
  private static final class Table {
    // the lazy registry builds only the encoding asked for; the default one builds all four
    // (o200k, cl100k, p50k, r50k: seconds of start-up and tens of MB of heap for one used)
    static final Encoding ENCODING =
        Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  }

  private static volatile StartupPhases.Background<Integer> preloaded;

  private Tokens() {}

  /** Builds the tokenizer's tables on a thread of its own (at process start). */
  public static void preload() {
    preloaded = StartupPhases.inBackground("tokenizer", () -> count("warm-up"));
  }

  /** Returns once the tables are built: waits for the preload, or builds them here. */
  static void awaitReady() {
    StartupPhases.Background<Integer> early = preloaded;
    preloaded = null;
    if (early != null) {
      early.join();
    } else {
      StartupPhases.timed("tokenizer", () -> count("warm-up"));
    }
  }

  /** Tokens of a text alone; special-token markup in it counts as ordinary text. */
  public static int count(String text) {
    return text == null || text.isEmpty() ? 0 : Table.ENCODING.countTokensOrdinary(text);
  }

  /** Tokens one chat message of this text costs. */
  public static int message(String text) {
    return count(text) + PER_MESSAGE;
  }
}
