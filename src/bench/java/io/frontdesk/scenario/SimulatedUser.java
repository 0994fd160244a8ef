package io.frontdesk.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The customer's side of a scenario: the next message after the service's answers, or null. */
interface SimulatedUser {

  String next(Scenario s, Placeholders values, List<ScenarioRunner.Turn> turns) throws Exception;

  /**
   * Deterministic (CI): when the last answer asks about something the user would reveal (its key
   * word appears in the answer), the user reveals it, once; else the next follow-up not yet sent;
   * then the closing, if any; then stops.
   */
  static SimulatedUser scripted() {
    return (s, values, turns) -> {
      String last = turns.getLast().response().toLowerCase(Locale.ROOT);
      Set<String> said = new HashSet<>();
      turns.forEach(t -> said.add(t.message()));
      for (Map.Entry<String, String> reveal : s.reveals().entrySet()) {
        String text = values.fill(reveal.getValue());
        if (last.contains(reveal.getKey().toLowerCase(Locale.ROOT)) && !said.contains(text)) {
          return text;
        }
      }
      for (Scenario.Step step : s.turns()) {
        String text = values.fill(step.say());
        if (!said.contains(text)) {
          return text;
        }
      }
      String closing = values.fill(s.closing());
      return closing != null && !said.contains(closing) ? closing : null;
    };
  }

  /**
   * An LLM plays the customer from the persona, goal and what they may reveal; it ends the
   * conversation by answering {@code ###STOP###}.
   */
  static SimulatedUser llm(String baseUrl, String model, String apiKey) {
    ObjectMapper json = new ObjectMapper();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return (s, values, turns) -> {
      StringBuilder system =
          new StringBuilder("You are a customer writing to Skyline's support chat. Persona: ")
              .append(s.persona())
              .append(". Your goal: ")
              .append(values.fill(s.goal()))
              .append(
                  ". Write only your next short message, as the customer. Reveal these facts only"
                      + " when asked:");
      s.reveals()
          .forEach((k, v) -> system.append("\n- ").append(k).append(": ").append(values.fill(v)));
      if (!s.turns().isEmpty()) {
        system.append("\nAfter your opening message, write these, one per message, in order:");
        s.turns().forEach(t -> system.append("\n- ").append(values.fill(t.say())));
      }
      system.append(
          "\nWhen your goal is met, or the assistant says a person will follow up, or it cannot"
              + " help, reply exactly ###STOP###.");
      ObjectNode body = json.createObjectNode().put("model", model).put("temperature", 0.7);
      ArrayNode messages = body.putArray("messages");
      messages.addObject().put("role", "system").put("content", system.toString());
      for (ScenarioRunner.Turn t : turns) {
        // roles swapped: the simulated customer is the assistant of this conversation
        messages.addObject().put("role", "assistant").put("content", t.message());
        messages.addObject().put("role", "user").put("content", t.response());
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl.replaceAll("/$", "") + "/chat/completions"))
              .timeout(Duration.ofMinutes(2))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      if (apiKey != null && !apiKey.isBlank()) {
        request.header("Authorization", "Bearer " + apiKey);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("user model answered " + response.statusCode());
      }
      JsonNode reply = json.readTree(response.body());
      String text =
          reply.path("choices").path(0).path("message").path("content").asText("").strip();
      return text.isEmpty() || text.contains("###STOP###") ? null : text;
    };
  }
}
