package io.frontdesk.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * What the in-process model embeds of one message: all of it up to {@code head + tail} tokens,
 * beyond that its first {@code head} and last {@code tail} tokens joined by an ellipsis. The cost
 * of a message's embedding grows with its tokens (the model reads at most 128 of them anyway, the
 * first), so a long message would be the turn's slowest step while its end, where an appended
 * instruction sits, went unread; the window bounds the cost and keeps both ends.
 */
public final class MessageWindow {

  /** The model's own tokenizer (all-MiniLM-L6-v2, lower-cased WordPiece). */
  static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  static final String JOIN = " ... ";

  private final HuggingFaceTokenizer tokenizer;
  private final int head;
  private final int tail;

  MessageWindow(HuggingFaceTokenizer tokenizer, int head, int tail) {
    if (head < 1 || tail < 0) {
      throw new IllegalArgumentException("window needs head >= 1 and tail >= 0 tokens");
    }
    this.tokenizer = tokenizer;
    this.head = head;
    this.tail = tail;
  }

  /** The window over the model's tokenizer (shipped in the model's jar). */
  public static MessageWindow load(int head, int tail) {
    try (InputStream in = MessageWindow.class.getClassLoader().getResourceAsStream(TOKENIZER)) {
      if (in == null) {
        throw new IllegalStateException("missing tokenizer resource " + TOKENIZER);
      }
      // no truncation: the window needs the message's last tokens
      return new MessageWindow(
          HuggingFaceTokenizer.newInstance(
              in, Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false")),
          head,
          tail);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text to embed for {@code message}: itself when short enough, else its two ends. */
  public String apply(String message) {
    if (message.length() <= head + tail) {
      // a token covers at least one character: nothing to cut
      return message;
    }
    Encoding encoding = tokenizer.encode(message, false, false);
    CharSpan[] spans = encoding.getCharTokenSpans();
    if (spans.length <= head + tail) {
      return message;
    }
    int headEnd = index(message, spans[head - 1].getEnd());
    if (tail == 0) {
      return message.substring(0, headEnd);
    }
    int tailStart = index(message, spans[spans.length - tail].getStart());
    return message.substring(0, headEnd) + JOIN + message.substring(tailStart);
  }

  /** The tokenizer counts code points; Java strings count UTF-16 units (emoji take two). */
  private static int index(String message, int codePoints) {
    return message.offsetByCodePoints(
        0, Math.min(codePoints, message.codePointCount(0, message.length())));
  }

  /** Tokens {@link #apply} keeps at most (before the model adds its two markers). */
  public int tokens() {
    return head + tail;
  }
}
