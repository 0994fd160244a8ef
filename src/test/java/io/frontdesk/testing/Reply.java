package io.frontdesk.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the scripted model answers to one request: text, tool calls or an HTTP error, streamed whole
 * or broken off ({@link #endingAfter}, {@link #droppingAfter}, {@link #malformedAfter}, {@link
 * #dripping}).
 */
public final class Reply {

  /** How a reply breaks off, if it does. */
  enum Break {
    NONE,
    /** The response ends cleanly after some pieces: no finish_reason, no [DONE]. */
    ENDS,
    /** The connection is dropped after some pieces, the response never ended. */
    DROPS,
    /** A chunk that is not JSON follows some pieces; the rest streams as usual. */
    MALFORMED,
    /** Some pieces, then one byte a second, for ever. */
    DRIPS
  }

  /** A function call the model asks for; {@code argumentsJson} is sent as-is, even if invalid. */
  public record ToolCall(String name, String argumentsJson) {
    public ToolCall {
      Objects.requireNonNull(name, "name");
      argumentsJson = argumentsJson == null ? "{}" : argumentsJson;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  // A word with the whitespace around it, or whitespace alone, so the pieces add up to the text.
  private static final Pattern WORD = Pattern.compile("\\s*\\S+\\s*|\\s+");

  // Streamed arguments are cut at most this long, and in at least two pieces, so that clients
  // have to reassemble them as they must with a real model.
  private static final int MAX_ARGUMENT_PIECE = 16;

  private final String text;
  private final List<ToolCall> toolCalls;
  private final int status;
  private final String errorMessage;
  private final Duration latency;
  private final Hold hold;
  private volatile String retryAfter;
  private volatile Break breaks = Break.NONE;
  private volatile int breaksAfter;

  private Reply(
      String text,
      List<ToolCall> toolCalls,
      int status,
      String errorMessage,
      Duration latency,
      Hold hold) {
    this.text = text;
    this.toolCalls = toolCalls;
    this.status = status;
    this.errorMessage = errorMessage;
    this.latency = latency;
    this.hold = hold;
  }

  /** An assistant message with this text. */
  public static Reply text(String text) {
    return new Reply(
        Objects.requireNonNull(text, "text"), List.of(), 200, null, Duration.ZERO, null);
  }

  /** One tool call; {@code argumentsJson} is the JSON the model would put in the arguments. */
  public static Reply toolCall(String name, String argumentsJson) {
    return toolCalls(List.of(new ToolCall(name, argumentsJson)));
  }

  /** Parallel tool calls, in this order; their ids are generated per response. */
  public static Reply toolCalls(List<ToolCall> calls) {
    if (calls.isEmpty()) {
      throw new IllegalArgumentException("a tool-call reply needs at least one call");
    }
    return new Reply(null, List.copyOf(calls), 200, null, Duration.ZERO, null);
  }

  /** An OpenAI-style error body with this HTTP status (4xx or 5xx). */
  public static Reply error(int httpStatus, String message) {
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("not an error status: " + httpStatus);
    }
    return new Reply(null, List.of(), httpStatus, message, Duration.ZERO, null);
  }

  /**
   * A stream that never ends: the response's headers, then one byte of a chunk a second, until the
   * client closes the connection (the server counts it in {@link ScriptedModelServer#hungUp()}).
   */
  public static Reply dripping() {
    return text("This answer arrives one byte a second and never ends.").drippingAfter(0);
  }

  /**
   * This reply, streamed as usual for {@code pieces} pieces, then one byte a second for ever (the
   * rest of its chunks, over and over) until the client closes the connection.
   */
  public Reply drippingAfter(int pieces) {
    return breaking(Break.DRIPS, pieces);
  }

  /**
   * This reply, whose response ends cleanly after {@code pieces} pieces of the answer (words or
   * tool-call fragments), before any finish_reason or {@code data: [DONE]}: a provider or proxy
   * that gave up half-way. A non-streamed reply sends half of its JSON body.
   */
  public Reply endingAfter(int pieces) {
    return breaking(Break.ENDS, pieces);
  }

  /**
   * This reply, whose connection is dropped after {@code pieces} pieces of the answer: the response
   * never ends. A non-streamed reply drops it after half of its JSON body.
   */
  public Reply droppingAfter(int pieces) {
    return breaking(Break.DROPS, pieces);
  }

  /** This reply with a chunk that is not JSON after {@code pieces} pieces; the rest follows. */
  public Reply malformedAfter(int pieces) {
    return breaking(Break.MALFORMED, pieces);
  }

  private Reply breaking(Break how, int pieces) {
    if (isError() || pieces < 0) {
      throw new IllegalArgumentException("only an answer breaks off, after 0 or more pieces");
    }
    Reply copy = new Reply(text, toolCalls, status, errorMessage, latency, hold);
    copy.breaks = how;
    copy.breaksAfter = pieces;
    return copy;
  }

  Break breaks() {
    return breaks;
  }

  int breaksAfter() {
    return breaksAfter;
  }

  /** This reply, delayed by {@code latency} on top of the server's latency. */
  public Reply withLatency(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("negative latency: " + latency);
    }
    return copyBreak(new Reply(text, toolCalls, status, errorMessage, latency, hold));
  }

  private Reply copyBreak(Reply copy) {
    copy.breaks = breaks;
    copy.breaksAfter = breaksAfter;
    copy.retryAfter = retryAfter;
    return copy;
  }

  /**
   * This reply, sent only once the test releases {@code hold}: the request arrives (the test can
   * wait for that), then the server waits, as a model that is slow to answer.
   */
  public Reply heldBy(Hold hold) {
    return copyBreak(
        new Reply(
            text, toolCalls, status, errorMessage, latency, Objects.requireNonNull(hold, "hold")));
  }

  /** This error reply with a {@code Retry-After} header (seconds or an HTTP date). */
  public Reply withRetryAfter(String value) {
    if (!isError()) {
      throw new IllegalArgumentException("Retry-After goes with an error reply");
    }
    Reply copy = new Reply(text, toolCalls, status, errorMessage, latency, hold);
    copy.retryAfter = Objects.requireNonNull(value, "value");
    return copy;
  }

  String retryAfter() {
    return retryAfter;
  }

  /** The tool calls of this reply; empty for text and error replies. */
  public List<ToolCall> toolCalls() {
    return toolCalls;
  }

  boolean isError() {
    return status != 200;
  }

  int status() {
    return status;
  }

  Duration latency() {
    return latency;
  }

  Hold hold() {
    return hold;
  }

  String finishReason() {
    return toolCalls.isEmpty() ? "stop" : "tool_calls";
  }

  /** What the model generated, for the completion-token estimate. */
  String generatedText() {
    if (toolCalls.isEmpty()) {
      return text;
    }
    return toolCalls.stream()
        .map(call -> call.name() + call.argumentsJson())
        .collect(Collectors.joining());
  }

  ObjectNode errorBody() {
    ObjectNode error = JSON.createObjectNode();
    error
        .putObject("error")
        .put("message", errorMessage)
        .put("type", errorType())
        .putNull("param")
        .put("code", String.valueOf(status));
    return error;
  }

  private String errorType() {
    return switch (status) {
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 429 -> "rate_limit_error";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
  }

  /** The assistant message of a non-streaming completion; {@code callIds} match the calls. */
  ObjectNode message(List<String> callIds) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    if (toolCalls.isEmpty()) {
      return message.put("content", text);
    }
    message.putNull("content");
    ArrayNode calls = message.putArray("tool_calls");
    for (int i = 0; i < toolCalls.size(); i++) {
      ToolCall call = toolCalls.get(i);
      ObjectNode node = calls.addObject().put("id", callIds.get(i)).put("type", "function");
      node.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
    }
    return message;
  }

  /** The streamed deltas after the role delta: one per word, or per tool-call fragment. */
  List<ObjectNode> deltas(List<String> callIds) {
    List<ObjectNode> deltas = new ArrayList<>();
    if (toolCalls.isEmpty()) {
      for (String word : words(text)) {
        deltas.add(JSON.createObjectNode().put("content", word));
      }
      return deltas;
    }
    for (int i = 0; i < toolCalls.size(); i++) {
      ToolCall call = toolCalls.get(i);
      ObjectNode start = toolCallDelta(deltas, i).put("id", callIds.get(i)).put("type", "function");
      // the name travels whole in the first fragment, as OpenAI sends it
      start.putObject("function").put("name", call.name()).put("arguments", "");
      for (String piece : pieces(call.argumentsJson())) {
        toolCallDelta(deltas, i).putObject("function").put("arguments", piece);
      }
    }
    return deltas;
  }

  /** Appends a delta carrying one tool-call fragment and returns that fragment. */
  private static ObjectNode toolCallDelta(List<ObjectNode> deltas, int index) {
    ObjectNode delta = JSON.createObjectNode();
    deltas.add(delta);
    return delta.putArray("tool_calls").addObject().put("index", index);
  }

  private static List<String> words(String text) {
    return WORD.matcher(text).results().map(MatchResult::group).toList();
  }

  private static List<String> pieces(String arguments) {
    int size = Math.clamp(arguments.length() / 2, 1, MAX_ARGUMENT_PIECE);
    List<String> pieces = new ArrayList<>();
    for (int start = 0; start < arguments.length(); start += size) {
      pieces.add(arguments.substring(start, Math.min(arguments.length(), start + size)));
    }
    return pieces;
  }

  @Override
  public String toString() {
    if (isError()) {
      return "Reply.error(" + status + ", " + errorMessage + ")";
    }
    return toolCalls.isEmpty() ? "Reply.text(" + text + ")" : "Reply.toolCalls(" + toolCalls + ")";
  }
}
