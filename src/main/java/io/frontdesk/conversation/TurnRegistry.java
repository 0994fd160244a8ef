package io.frontdesk.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The turns running on this replica, by conversation id (the agents' memory id). */
@ApplicationScoped
public class TurnRegistry {

  private final Map<String, TurnContext> running = new ConcurrentHashMap<>();

  /** Registers a turn; false when the conversation already has one running here. */
  boolean start(TurnContext turn) {
    return running.putIfAbsent(turn.conversationId().toString(), turn) == null;
  }

  void finish(TurnContext turn) {
    running.remove(turn.conversationId().toString(), turn);
  }

  public Optional<TurnContext> find(Object memoryId) {
    return Optional.ofNullable(running.get(String.valueOf(memoryId)));
  }

  /** The running turn for a memory id; tools and memory exist only inside a turn. */
  public TurnContext require(Object memoryId) {
    return find(memoryId)
        .orElseThrow(() -> new IllegalStateException("no turn running for " + memoryId));
  }
}
