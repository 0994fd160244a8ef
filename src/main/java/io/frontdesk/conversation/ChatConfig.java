package io.frontdesk.conversation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The WebSocket channels ({@code /ws/chat}, {@code /ws/console}): what one connection may cost. */
@ConfigMapping(prefix = "frontdesk.chat")
public interface ChatConfig {

  /** Largest message a client may send, in bytes; a larger one closes the connection (1009). */
  @WithDefault("8192")
  int maxMessageBytes();

  /**
   * Bytes the server may hold for a client that does not read; past this the connection is closed
   * (1008) instead of buffering without bound.
   */
  @WithDefault("1048576")
  long maxPendingBytes();
}
