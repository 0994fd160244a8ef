package io.frontdesk.conversation;

import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import jakarta.enterprise.context.ApplicationScoped;

/** Gives every agent the memory of the turn running for its memory id (the conversation id). */
@ApplicationScoped
public class ConversationMemoryProvider implements ChatMemoryProvider {

  private final TurnRegistry turns;

  ConversationMemoryProvider(TurnRegistry turns) {
    this.turns = turns;
  }

  @Override
  public ChatMemory get(Object memoryId) {
    return new TurnBoundMemory(memoryId, turns);
  }

  /**
   * Looks the turn up on every call: the AI service may cache memories per id across turns, and
   * each turn brings a fresh window from the database.
   */
  private record TurnBoundMemory(Object id, TurnRegistry turns) implements ChatMemory {

    @Override
    public void add(dev.langchain4j.data.message.ChatMessage message) {
      turns.require(id).memoryFor(id).add(message);
    }

    /** What the model is sent next; a stopped turn sends nothing more (no model call after it). */
    @Override
    public java.util.List<dev.langchain4j.data.message.ChatMessage> messages() {
      TurnContext turn = turns.require(id);
      if (turn.stopped() != null) {
        throw new TurnStopped(turn.stopped());
      }
      return turn.memoryFor(id).messages();
    }

    @Override
    public void clear() {
      turns.find(id).ifPresent(t -> t.memoryFor(id).clear());
    }
  }
}
