package io.frontdesk.conversation;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import java.util.UUID;

/**
 * One transcript row: a customer message, an agent message (maybe with tool calls), a tool result.
 * {@code storedTokens} is the row's stored {@code token_count}, 0 for a message not stored yet.
 */
public record StoredMessage(
    UUID turnId,
    String role,
    String agent,
    String content,
    List<ToolCallRef> toolCalls,
    String toolCallId,
    String toolName,
    int storedTokens) {

  /** A message not stored yet: its tokens are counted when asked for. */
  public StoredMessage(
      UUID turnId,
      String role,
      String agent,
      String content,
      List<ToolCallRef> toolCalls,
      String toolCallId,
      String toolName) {
    this(turnId, role, agent, content, toolCalls, toolCallId, toolName, 0);
  }

  /** A tool call as the model requested it. */
  public record ToolCallRef(String id, String name, String arguments) {}

  public static StoredMessage of(UUID turnId, String agent, ChatMessage message) {
    return switch (message) {
      case UserMessage u ->
          new StoredMessage(turnId, "user", null, u.singleText(), List.of(), null, null);
      case AiMessage ai ->
          new StoredMessage(
              turnId,
              "assistant",
              agent,
              ai.text(),
              ai.hasToolExecutionRequests()
                  ? ai.toolExecutionRequests().stream()
                      .map(r -> new ToolCallRef(r.id(), r.name(), r.arguments()))
                      .toList()
                  : List.of(),
              null,
              null);
      case ToolExecutionResultMessage t ->
          new StoredMessage(turnId, "tool", agent, t.text(), List.of(), t.id(), t.toolName());
      default -> throw new IllegalArgumentException("not a transcript message: " + message.type());
    };
  }

  public ChatMessage toChatMessage() {
    return switch (role) {
      case "user" -> UserMessage.from(content);
      case "assistant" ->
          toolCalls.isEmpty()
              ? AiMessage.from(content)
              : AiMessage.builder()
                  .text(content)
                  .toolExecutionRequests(
                      toolCalls.stream()
                          .map(
                              c ->
                                  ToolExecutionRequest.builder()
                                      .id(c.id())
                                      .name(c.name())
                                      .arguments(c.arguments())
                                      .build())
                          .toList())
                  .build();
      case "tool" -> ToolExecutionResultMessage.from(toolCallId, toolName, content);
      default -> throw new IllegalStateException("unknown role " + role);
    };
  }

  /**
   * Prompt tokens of this message: its text and tool calls, plus the per-message overhead. A stored
   * row has them counted already (tokenizing every loaded message on every turn cost more than
   * anything else of ours in a turn); a row without a count is counted here.
   */
  public int tokens() {
    if (storedTokens > 0) {
      return storedTokens;
    }
    int tokens = Tokens.message(content);
    for (ToolCallRef call : toolCalls) {
      tokens += Tokens.count(call.name()) + Tokens.count(call.arguments());
    }
    return tokens;
  }
}
