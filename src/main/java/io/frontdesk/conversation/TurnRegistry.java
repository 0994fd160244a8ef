package io.frontdesk.conversation;

import io.frontdesk.agent.AgentMemories;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The turns running on this replica, by conversation id: how many run (graceful shutdown, the first
 * turn's warm-up) and which memories to drop when one ends. Nothing looks a turn up here: the
 * engine hands the running turn down to the agents, the gate and the tools.
 */
@ApplicationScoped
public class TurnRegistry {

  private static final Logger LOG = Logger.getLogger(TurnRegistry.class);

  private final Map<String, TurnContext> running = new ConcurrentHashMap<>();
  private final AgentMemories memories;

  TurnRegistry(AgentMemories memories) {
    this.memories = memories;
  }

  /**
   * Registers a turn once its opening committed; the conversation's lock in the database already
   * made it the only one (another turn here would be one whose lease ran out long ago).
   */
  void start(TurnContext turn) {
    TurnContext stale = running.put(turn.conversationId().toString(), turn);
    if (stale != null) {
      LOG.warnf(
          "Turn %s replaces turn %s of conversation %s, which outlived its lease",
          turn.turnId(), stale.turnId(), turn.conversationId());
    }
  }

  void finish(TurnContext turn) {
    if (running.remove(turn.conversationId().toString(), turn)) {
      memories.forget(turn.memoryIds());
    }
  }

  /** How many turns run on this replica now. */
  public int running() {
    return running.size();
  }
}
