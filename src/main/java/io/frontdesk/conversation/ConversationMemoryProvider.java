package io.frontdesk.conversation;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import io.frontdesk.turn.RunningTurn;
import io.frontdesk.turn.TurnStopped;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Gives every agent the memory of the turn it runs in: the memory id the engine hands the agent is
 * the running turn itself.
 */
@ApplicationScoped
public class ConversationMemoryProvider implements ChatMemoryProvider {

  @Override
  public ChatMemory get(Object memoryId) {
    if (!(memoryId instanceof RunningTurn turn)) {
      throw new IllegalStateException("an agent runs only inside a turn, not for " + memoryId);
    }
    return new TurnBoundMemory(turn);
  }

  /** The turn's memory; a stopped turn sends nothing more (no model call after it stopped). */
  private record TurnBoundMemory(RunningTurn turn) implements ChatMemory {

    @Override
    public Object id() {
      return turn;
    }

    @Override
    public void add(ChatMessage message) {
      turn.memory().add(message);
    }

    @Override
    public List<ChatMessage> messages() {
      if (turn.stopped() != null) {
        throw new TurnStopped(turn.stopped());
      }
      return turn.memory().messages();
    }

    @Override
    public void clear() {
      turn.memory().clear();
    }
  }
}
