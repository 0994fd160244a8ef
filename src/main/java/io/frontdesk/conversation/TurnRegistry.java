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

  /** The turn for a memory id: the conversation id, or {@code <conversation id>/<scope>}. */
  public Optional<TurnContext> find(Object memoryId) {
    String id = String.valueOf(memoryId);
    int scope = id.indexOf('/');
    return Optional.ofNullable(running.get(scope < 0 ? id : id.substring(0, scope)));
  }

  /** The running turn for a memory id; tools and memory exist only inside a turn. */
  public TurnContext require(Object memoryId) {
    return find(memoryId)
        .orElseThrow(() -> new IllegalStateException("no turn running for " + memoryId));
  }
}
