package io.frontdesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Parses a server-sent-events body into its JSON data payloads. */
public final class Sse {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Sse() {}

  public static List<JsonNode> events(String body) {
    List<JsonNode> events = new ArrayList<>();
    for (String block : body.split("\n\n")) {
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
      if (!data.isEmpty()) {
        try {
          events.add(JSON.readTree(data.toString()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return events;
  }
}
