package io.frontdesk.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines of one HTTP/1.x connection once its first request head arrived (a Netty handler
 * between the HTTP codec and Vert.x, installed by {@link ConnectionDeadlines}): a request body must
 * arrive within {@code body-timeout} of its head (else 408 and close), a connection with no request
 * in flight is closed after {@code idle-timeout}, and the next request's head must arrive within
 * {@code header-timeout} of its first byte. Time spent answering is not limited here (a turn has
 * its own deadline, a feed streams for as long as the client follows it). Once the connection
 * becomes a WebSocket these deadlines end and an idle timeout (kept off by the server's pings)
 * takes over.
 */
final class RequestDeadlines extends ChannelDuplexHandler {

  static final String NAME = "frontdesk-deadlines";
  static final String READS = "frontdesk-reads";

  /** What the connection is waiting for. */
  private enum Waiting {
    /** The rest of a request body. */
    BODY,
    /** Nothing: a response is being written. */
    ANSWER,
    /** The next request (none in flight). */
    NEXT,
    /** The rest of a request head whose first bytes arrived. */
    HEAD
  }

  private final ConnectionDeadlines.Config config;
  private final Duration idle;
  private final ClientMistakes mistakes;
  private ChannelHandlerContext context;
  private Waiting waiting = Waiting.ANSWER;
  private boolean requestRead;
  private boolean responseStarted;
  private boolean responseWritten;
  private ScheduledFuture<?> timer;

  private RequestDeadlines(
      ConnectionDeadlines.Config config, Duration idle, ClientMistakes mistakes) {
    this.config = config;
    this.idle = idle;
    this.mistakes = mistakes;
  }

  /**
   * Puts the deadlines on a connection whose first request head was just read (on its event loop);
   * {@code bodyRead} says whether that request's body has arrived in full already.
   */
  static void install(
      ChannelPipeline pipeline,
      ConnectionDeadlines.Config config,
      Duration idle,
      ClientMistakes mistakes,
      boolean bodyRead) {
    RequestDeadlines deadlines = new RequestDeadlines(config, idle, mistakes);
    // the server's own timer (a write deadline until the first head) gives way to these
    if (pipeline.get(ConnectionDeadlines.VERTX_IDLE) != null) {
      pipeline.remove(ConnectionDeadlines.VERTX_IDLE);
    }
    pipeline.addBefore("httpDecoder", READS, deadlines.new Reads());
    pipeline.addBefore("handler", NAME, deadlines);
    deadlines.requestRead = bodyRead;
    if (!bodyRead) {
      deadlines.await(Waiting.BODY, config.bodyTimeout());
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    context = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest) {
      requestRead = false;
      responseStarted = false;
      responseWritten = false;
      await(Waiting.BODY, config.bodyTimeout());
    }
    if (msg instanceof LastHttpContent) {
      requestRead = true;
      progressed();
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof HttpResponse response) {
      int status = response.status().code();
      if (status == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
        ctx.write(msg, promise);
        becomeWebSocket(ctx.pipeline());
        return;
      }
      if (status < 200) {
        // 100 Continue is not the answer: the body and the real response are still to come
        ctx.write(msg, promise);
        return;
      }
      responseStarted = true;
    }
    if (msg instanceof LastHttpContent) {
      promise = promise.unvoid();
      promise.addListener(
          written -> {
            responseWritten = true;
            progressed();
          });
    }
    ctx.write(msg, promise);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  /** The request was read or its response written: what the connection waits for next. */
  private void progressed() {
    if (requestRead && responseWritten) {
      await(Waiting.NEXT, idle);
    } else if (requestRead) {
      cancel();
      waiting = Waiting.ANSWER;
    }
  }

  /** Bytes arrived: the first of a new request head starts its deadline. */
  private void bytesArrived() {
    if (waiting == Waiting.NEXT) {
      await(Waiting.HEAD, config.headerTimeout());
    }
  }

  private void becomeWebSocket(ChannelPipeline pipeline) {
    cancel();
    pipeline.remove(this);
    if (pipeline.get(READS) != null) {
      pipeline.remove(READS);
    }
    // as Vert.x would: closed when nothing moves either way (the server's pings keep it moving)
    pipeline.addBefore(
        "handler",
        ConnectionDeadlines.VERTX_IDLE,
        new IdleStateHandler(0, 0, idle.toMillis(), TimeUnit.MILLISECONDS));
  }

  private void await(Waiting what, Duration limit) {
    cancel();
    waiting = what;
    timer =
        context
            .executor()
            .schedule(() -> expired(what, limit), limit.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void expired(Waiting what, Duration limit) {
    if (waiting != what || !context.channel().isActive()) {
      return;
    }
    String peer = String.valueOf(context.channel().remoteAddress());
    switch (what) {
      case BODY -> {
        mistakes.record(
            "http_body_timeout",
            "request body from %s not received within %d s; closed"
                .formatted(peer, limit.toSeconds()));
        if (!responseStarted) {
          context
              .writeAndFlush(timeout("the request body did not arrive within %d s", limit))
              .addListener(ChannelFutureListener.CLOSE);
          return;
        }
      }
      case HEAD ->
          mistakes.record(
              "http_header_timeout",
              "request head from %s not received within %d s; closed"
                  .formatted(peer, limit.toSeconds()));
      default -> {
        // an idle kept-alive connection: closing it is routine
      }
    }
    context.close();
  }

  /** A 408 answer in the API's error shape; the connection closes after it. */
  private static FullHttpResponse timeout(String message, Duration limit) {
    String json =
        "{\"error\":\"request_timeout\",\"message\":\"%s\"}"
            .formatted(message.formatted(limit.toSeconds()));
    ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT, body);
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return response;
  }

  /** Sees the raw bytes ahead of the HTTP decoder: the first byte of the next request head. */
  private final class Reads extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      bytesArrived();
      super.channelRead(ctx, msg);
    }
  }
}
