package io.frontdesk.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.http.BadRequest;
import java.util.Set;
import java.util.UUID;

/**
 * One message a chat client sent on {@code /ws/chat}: {@code message} (text, conversationId?),
 * {@code typing} (conversationId) or {@code resume} (conversationId, after). Anything else is a
 * {@link BadRequest} with a reason the client is sent back.
 */
public record ChatFrame(String type, String text, UUID conversationId, int after) {

  static final Set<String> TYPES = Set.of("message", "typing", "resume");

  public static ChatFrame parse(ObjectMapper json, String raw) {
    JsonNode node;
    try {
      node = json.readTree(raw);
    } catch (JsonProcessingException e) {
      throw new BadRequest(
          "not JSON: send an object such as {\"type\":\"message\",\"text\":\"…\"}");
    }
    if (node == null || !node.isObject()) {
      throw new BadRequest("send a JSON object with a type (message, typing or resume)");
    }
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual() || !TYPES.contains(type.asText())) {
      throw new BadRequest("type must be one of message, typing, resume");
    }
    UUID conversation = conversationId(node.get("conversationId"));
    return switch (type.asText()) {
      case "message" -> {
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
          throw new BadRequest("a message needs a non-empty text");
        }
        yield new ChatFrame("message", text.asText(), conversation, 0);
      }
      case "typing" -> new ChatFrame("typing", null, required(conversation, "typing"), 0);
      default -> {
        JsonNode after = node.get("after");
        if (after != null && !after.isNull() && (!after.canConvertToInt() || after.asInt() < 0)) {
          throw new BadRequest("after must be a sequence number (an integer ≥ 0)");
        }
        yield new ChatFrame(
            "resume",
            null,
            required(conversation, "resume"),
            after == null || after.isNull() ? 0 : after.asInt());
      }
    };
  }

  private static UUID conversationId(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new BadRequest("conversationId must be a UUID string");
    }
    try {
      return UUID.fromString(node.asText());
    } catch (IllegalArgumentException e) {
      throw new BadRequest("conversationId is not a UUID: " + node.asText());
    }
  }

  private static UUID required(UUID conversation, String type) {
    if (conversation == null) {
      throw new BadRequest(type + " needs a conversationId");
    }
    return conversation;
  }
}
