package io.frontdesk.conversation;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The memory an agent sees during one turn: the system prompt, the token-bounded window of earlier
 * turns loaded from PostgreSQL, and what this turn has added. Held in memory only while the turn
 * runs, so langchain4j's synchronous memory SPI never blocks on the database.
 *
 * <p>The AI service may rewrite the memory (clear, then add everything back, e.g. to place the
 * system message); messages are therefore recognised by identity, so a re-added earlier message is
 * never mistaken for a new one and a tool round is never counted twice.
 */
public final class ConversationMemory implements ChatMemory {

  private final UUID id;
  private final Set<ChatMessage> earlier = identitySet();
  private final Set<ChatMessage> counted = identitySet();
  private final Set<String> claimed = new HashSet<>();
  private final List<ChatMessage> messages = new ArrayList<>();
  private final Runnable onToolRound;
  private volatile String systemPrompt;

  ConversationMemory(UUID id, List<ChatMessage> history, Runnable onToolRound) {
    this.id = id;
    this.onToolRound = onToolRound;
    earlier.addAll(history);
    messages.addAll(history);
  }

  @Override
  public Object id() {
    return id.toString();
  }

  @Override
  public synchronized void add(ChatMessage message) {
    if (message instanceof SystemMessage) {
      // the prompt comes from the agent definition each turn; one, first, never persisted
      messages.removeIf(SystemMessage.class::isInstance);
      messages.addFirst(message);
      systemPrompt = ((SystemMessage) message).text();
      return;
    }
    messages.add(message);
    if (message instanceof AiMessage ai
        && ai.hasToolExecutionRequests()
        && !earlier.contains(message)
        && counted.add(message)) {
      onToolRound.run();
    }
  }

  /**
   * Before another agent takes over: it sends the customer's message again, so this turn's copy is
   * withdrawn and the message ends up once, after the previous agent's exchange.
   */
  public synchronized void withdrawCustomerMessage() {
    messages.removeIf(m -> m instanceof UserMessage && !earlier.contains(m));
  }

  /**
   * The gate starts a call of {@code tool} that came without the model's call id (an approved call
   * run by Frontdesk): the id it has in memory, i.e. the first call of that name in the newest
   * tool-calling message of this turn that has no result and was not claimed yet; null when none
   * matches.
   */
  synchronized String claim(String tool) {
    for (ChatMessage m : messages.reversed()) {
      if (m instanceof AiMessage ai && ai.hasToolExecutionRequests() && !earlier.contains(m)) {
        Set<String> answered = answered();
        for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
          if (call.name().equals(tool)
              && call.id() != null
              && !answered.contains(call.id())
              && claimed.add(call.id())) {
            return call.id();
          }
        }
        return null;
      }
    }
    return null;
  }

  /**
   * Gives every tool call of this turn that has no result yet the result {@code resultFor} writes
   * for its call id, right after its message: a turn cut short, a transfer among parallel calls or
   * a call waiting for approval must not leave a call unanswered (providers refuse the next
   * request, and the stored memory would lie).
   */
  public synchronized void answerOpenToolCalls(Function<String, String> resultFor) {
    Set<String> answered = answered();
    List<ChatMessage> rebuilt = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage m = messages.get(i);
      rebuilt.add(m);
      if (m instanceof AiMessage ai && ai.hasToolExecutionRequests() && !earlier.contains(m)) {
        while (i + 1 < messages.size()
            && messages.get(i + 1) instanceof ToolExecutionResultMessage result) {
          rebuilt.add(result);
          i++;
        }
        for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
          if (!answered.contains(call.id())) {
            rebuilt.add(ToolExecutionResultMessage.from(call, resultFor.apply(call.id())));
          }
        }
      }
    }
    messages.clear();
    messages.addAll(rebuilt);
  }

  private Set<String> answered() {
    Set<String> ids = new HashSet<>();
    for (ChatMessage m : messages) {
      if (m instanceof ToolExecutionResultMessage result) {
        ids.add(result.id());
      }
    }
    return ids;
  }

  @Override
  public synchronized List<ChatMessage> messages() {
    return List.copyOf(messages);
  }

  /** The prompt of the agent answering now (null before the first model call). */
  public String systemPrompt() {
    return systemPrompt;
  }

  /** Messages this turn produced, in order (the customer's message first). */
  public synchronized List<ChatMessage> added() {
    return messages.stream()
        .filter(m -> !(m instanceof SystemMessage) && !earlier.contains(m))
        .toList();
  }

  @Override
  public synchronized void clear() {
    // the transcript lives in PostgreSQL; this only empties the turn's view of it
    messages.clear();
  }

  private static Set<ChatMessage> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }
}
