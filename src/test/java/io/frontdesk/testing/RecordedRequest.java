package io.frontdesk.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** One chat completion request as the scripted model server received it, with assertion helpers. */
public final class RecordedRequest {

  // trailing garbage after the JSON object is a malformed body too, not something to ignore
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final String body;
  private final JsonNode json;
  private final long receivedNanos = System.nanoTime();

  private RecordedRequest(String body, JsonNode json) {
    this.body = body;
    this.json = json;
  }

  /** When the server received it ({@link System#nanoTime()}), to check waits between requests. */
  public long receivedNanos() {
    return receivedNanos;
  }

  /**
   * Parses a chat completion request body.
   *
   * @throws IllegalArgumentException with a reason fit for the client, if the body is malformed
   */
  public static RecordedRequest parse(String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (!json.isObject()) {
      throw new IllegalArgumentException("request body must be a JSON object");
    }
    if (!json.path("messages").isArray() || json.path("messages").isEmpty()) {
      throw new IllegalArgumentException("'messages' must be a non-empty array");
    }
    return new RecordedRequest(body, json);
  }

  /** The parsed request body. */
  public JsonNode json() {
    return json;
  }

  /** The raw request body. */
  public String body() {
    return body;
  }

  /** The requested model, or null if none was named. */
  public String model() {
    return json.path("model").textValue();
  }

  /** Whether the client asked for a streamed (SSE) response. */
  public boolean stream() {
    return json.path("stream").asBoolean(false);
  }

  boolean includeUsage() {
    return json.path("stream_options").path("include_usage").asBoolean(false);
  }

  /** The messages, in the order the client sent them. */
  public List<JsonNode> messages() {
    List<JsonNode> messages = new ArrayList<>();
    json.get("messages").forEach(messages::add);
    return messages;
  }

  /** The text of a message, whether its content is a string or an array of text parts. */
  public static String messageText(JsonNode message) {
    JsonNode content = message.path("content");
    if (content.isTextual()) {
      return content.textValue();
    }
    List<String> texts = new ArrayList<>();
    if (content.isArray()) {
      for (JsonNode part : content) {
        // image and audio parts carry no text
        if (part.path("text").isTextual()) {
          texts.add(part.get("text").textValue());
        }
      }
    }
    return String.join("\n", texts);
  }

  /** The text of the first system message, or null if there is none. */
  public String systemMessage() {
    return messages().stream()
        .filter(message -> hasRole(message, "system"))
        .findFirst()
        .map(RecordedRequest::messageText)
        .orElse(null);
  }

  /** The text of the last user message, or null if there is none. */
  public String lastUserMessage() {
    return messages().reversed().stream()
        .filter(message -> hasRole(message, "user"))
        .findFirst()
        .map(RecordedRequest::messageText)
        .orElse(null);
  }

  /** The last message, whatever its role. */
  public JsonNode lastMessage() {
    return messages().getLast();
  }

  /** Whether the request answers a tool call, i.e. the model is asked to use a tool's result. */
  public boolean lastMessageIsToolResult() {
    return hasRole(lastMessage(), "tool");
  }

  /** The texts of all tool messages, in order. */
  public List<String> toolResults() {
    return messages().stream()
        .filter(message -> hasRole(message, "tool"))
        .map(RecordedRequest::messageText)
        .toList();
  }

  /**
   * The text of the latest tool message answering a call of {@code toolName}, matched through the
   * tool-call ids of earlier assistant messages, or null if that tool has no result here.
   */
  public String toolResult(String toolName) {
    Set<String> callIds = new HashSet<>();
    String result = null;
    for (JsonNode message : messages()) {
      for (JsonNode call : message.path("tool_calls")) {
        if (toolName.equals(call.path("function").path("name").asText())) {
          callIds.add(call.path("id").asText());
        }
      }
      if (hasRole(message, "tool") && callIds.contains(message.path("tool_call_id").asText())) {
        result = messageText(message);
      }
    }
    return result;
  }

  /**
   * Ids of tool calls that no tool message answers before the next assistant or user message (or
   * the end): providers refuse such requests.
   */
  public List<String> unansweredToolCalls() {
    List<String> unanswered = new ArrayList<>();
    Set<String> open = new java.util.LinkedHashSet<>();
    for (JsonNode message : messages()) {
      if (hasRole(message, "tool")) {
        open.remove(message.path("tool_call_id").asText());
        continue;
      }
      unanswered.addAll(open);
      open.clear();
      for (JsonNode call : message.path("tool_calls")) {
        open.add(call.path("id").asText());
      }
    }
    unanswered.addAll(open);
    return unanswered;
  }

  /** The names of the tools offered to the model, in order. */
  public List<String> toolNames() {
    List<String> names = new ArrayList<>();
    json.path("tools").forEach(tool -> names.add(tool.path("function").path("name").asText()));
    return names;
  }

  /** The texts of all messages, one per line, for {@code contains} checks. */
  public String allText() {
    return messages().stream().map(RecordedRequest::messageText).collect(Collectors.joining("\n"));
  }

  /** Whether any message text contains {@code text}. */
  public boolean contains(String text) {
    return allText().contains(text);
  }

  private static boolean hasRole(JsonNode message, String role) {
    return role.equals(message.path("role").asText());
  }

  @Override
  public String toString() {
    return body;
  }
}
