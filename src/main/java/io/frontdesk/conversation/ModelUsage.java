package io.frontdesk.conversation;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a turn's model calls used, summed over its calls: the provider's reported tokens, or an
 * estimate (the window sent and the answer written) for a call whose endpoint reported none. The
 * offline model calls nothing, so its turns have no usage and cost nothing.
 */
final class ModelUsage {

  /** The model of a response that named none. */
  static final String UNNAMED = "unnamed";

  /** A turn's total: reported only when every call's usage was. */
  record Total(String model, long input, long output, boolean reported) {}

  // guarded by this
  private String model;
  private long input;
  private long output;
  private boolean estimated;
  private int calls;

  /**
   * One completed model call; {@code window} is what was sent, read only when the provider reported
   * no usage. A response that names no model is priced as the configured one.
   */
  void completed(ChatResponse response, Supplier<List<ChatMessage>> window) {
    TokenUsage usage = response == null ? null : response.tokenUsage();
    String name = response != null && response.modelName() != null ? response.modelName() : UNNAMED;
    long in;
    long out;
    boolean reported = usage != null && usage.inputTokenCount() != null;
    if (reported) {
      in = usage.inputTokenCount();
      out = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    } else {
      in = window.get().stream().mapToLong(m -> StoredMessage.of(null, null, m).tokens()).sum();
      String answer = response == null ? null : response.aiMessage().text();
      out = answer == null ? 0 : Tokens.count(answer);
    }
    synchronized (this) {
      model = model == null ? name : model;
      input += in;
      output += out;
      estimated |= !reported;
      calls++;
    }
  }

  /** The turn's usage, or null when it made no model call. */
  synchronized Total total() {
    return calls == 0 ? null : new Total(model, input, output, !estimated);
  }
}
