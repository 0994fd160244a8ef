package io.frontdesk.conversation;

import io.frontdesk.http.ClientMistakes;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;

/**
 * The frames of an accepted WebSocket before its endpoint sees them (a Netty handler in the
 * connection's pipeline, after decompression): a text message must be UTF-8 (RFC 6455 §8.1, checked
 * across fragments by Netty's validator), else the connection closes with 1007 instead of a turn
 * running on U+FFFD; a frame that breaks the protocol (unmasked, a reserved opcode, too long)
 * closes it with the code the decoder names (1002, 1009). Each is a client's mistake: one
 * rate-limited line ({@link ClientMistakes}), never an ERROR with a stack trace.
 */
final class FrameRules extends Utf8FrameValidator {

  /** Name of this handler in the pipeline. */
  static final String NAME = "frontdesk-frame-rules";

  private final ClientMistakes mistakes;
  private final String path;

  FrameRules(ClientMistakes mistakes, String path) {
    // this handler sends the close frame itself, with its own reason
    super(false);
    this.mistakes = mistakes;
    this.path = path;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
    if (!(cause instanceof CorruptedWebSocketFrameException bad)) {
      super.exceptionCaught(ctx, cause);
      return;
    }
    WebSocketCloseStatus status = bad.closeStatus();
    String reason = reason(status, bad.getMessage());
    mistakes.record(
        kind(status), "WebSocket %s closed with %d: %s".formatted(path, status.code(), reason));
    if (ctx.channel().isActive()) {
      ctx.writeAndFlush(new CloseWebSocketFrame(status.code(), reason))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static String kind(WebSocketCloseStatus status) {
    int code = status.code();
    if (code == WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code()) {
      return "websocket_invalid_utf8";
    }
    if (code == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
      return "websocket_too_big";
    }
    return "websocket_protocol_error";
  }

  /** What the client is told: the rule it broke, within the 123 bytes a close reason may have. */
  static String reason(WebSocketCloseStatus status, String detail) {
    String said = detail == null ? status.reasonText() : detail;
    String reason;
    if (status.code() == WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code()) {
      reason = "a text message is not valid UTF-8";
    } else if (status.code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
      reason = "message too big: " + said;
    } else {
      reason = "protocol error: " + said;
    }
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= 123) {
      return reason;
    }
    return new String(bytes, 0, 120, StandardCharsets.UTF_8).replace("\uFFFD", "") + "…";
  }
}
