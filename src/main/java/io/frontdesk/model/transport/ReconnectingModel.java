package io.frontdesk.model.transport;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A streaming model whose call is sent once more when its connection failed before any byte of the
 * answer arrived: a kept-alive connection the provider closed just as the request went out (they
 * close idle ones), or a refused connect. Nothing reached the model's output, so sending again is
 * safe; a failure after the first byte, an HTTP error or a timeout is never retried here (HTTP 429
 * and 5xx belong to the provider-retry policy). An answer that broke off (no finish_reason and no
 * {@code data: [DONE]} before its stream ended, or a chunk that is not JSON) fails as {@link
 * ModelStreamBroken} instead of passing for a whole one. Each request joins the {@link ModelStream}
 * of its call, and none is sent once that call is over.
 */
public final class ReconnectingModel implements StreamingChatModel {

  private static final Logger LOG = Logger.getLogger(ReconnectingModel.class);

  private final StreamingChatModel delegate;
  private final int attempts;

  public ReconnectingModel(StreamingChatModel delegate, int attempts) {
    this.delegate = delegate;
    this.attempts = Math.max(1, attempts);
  }

  @Override
  public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
    if (WarmupCall.is(request)) {
      WarmupCall.answer(handler);
      return;
    }
    new Attempt(request, handler, 1, ModelStream.current()).send();
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return delegate.defaultRequestParameters();
  }

  @Override
  public List<ChatModelListener> listeners() {
    // the delegate notifies its listeners on every attempt; listing them here would notify twice
    return List.of();
  }

  @Override
  public ModelProvider provider() {
    return delegate.provider();
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return delegate.supportedCapabilities();
  }

  /** A connection-level failure: the connection closed, reset or refused, with no HTTP answer. */
  static boolean connectionClosed(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpClosedException
          || t instanceof ClosedChannelException
          || t instanceof ConnectException
          || (t instanceof VertxException && "Connection was closed".equals(t.getMessage()))
          || (t instanceof IOException && closedOrReset(t.getMessage()))) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean closedOrReset(String message) {
    return message != null
        && (message.contains("Connection was closed") || message.contains("reset by peer"));
  }

  private final class Attempt implements StreamingChatResponseHandler {
    private final ChatRequest request;
    private final StreamingChatResponseHandler handler;
    private final int attempt;
    private final ModelStream stream;
    private final Exchange exchange = new Exchange();
    private volatile boolean received;

    Attempt(
        ChatRequest request,
        StreamingChatResponseHandler handler,
        int attempt,
        ModelStream stream) {
      this.request = request;
      this.handler = handler;
      this.attempt = attempt;
      this.stream = stream;
    }

    void send() {
      if (stream != null && !stream.join(exchange)) {
        // the call is over (its turn gave up, its time ran out): nobody waits for this answer
        handler.onError(new IllegalStateException("the model call ended before this request"));
        return;
      }
      exchange.send(() -> delegate.chat(request, this));
    }

    @Override
    public void onPartialResponse(String partialResponse) {
      received = true;
      handler.onPartialResponse(partialResponse);
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
      received = true;
      handler.onPartialResponse(partial, context);
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking) {
      received = true;
      handler.onPartialThinking(partialThinking);
    }

    @Override
    public void onPartialThinking(PartialThinking partial, PartialThinkingContext context) {
      received = true;
      handler.onPartialThinking(partial, context);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall) {
      received = true;
      handler.onPartialToolCall(partialToolCall);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partial, PartialToolCallContext context) {
      received = true;
      handler.onPartialToolCall(partial, context);
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall completeToolCall) {
      received = true;
      handler.onCompleteToolCall(completeToolCall);
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
      ModelStreamBroken broken = exchange.cutShort(response.finishReason() != null);
      if (broken != null) {
        handler.onError(broken);
        return;
      }
      // the handler runs the tools the answer asks for and may send the next request from here
      ModelStream.answering(stream, () -> handler.onCompleteResponse(response));
    }

    @Override
    public void onError(Throwable error) {
      if (stream != null && stream.closed()) {
        // the call was stopped (this is its reset connection): nothing to send again
        handler.onError(error);
        return;
      }
      Throwable explained = exchange.explain(error);
      if (explained == error && !received && attempt < attempts && connectionClosed(error)) {
        LOG.debugf("model connection failed before any byte (%s); sending again", error);
        new Attempt(request, handler, attempt + 1, stream).send();
        return;
      }
      handler.onError(explained);
    }
  }
}
