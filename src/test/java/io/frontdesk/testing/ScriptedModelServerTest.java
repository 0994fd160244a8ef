package io.frontdesk.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drives the scripted model server over real HTTP, as the OpenAI client would. */
class ScriptedModelServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static ScriptedModelServer server;

  @BeforeAll
  static void startServer() {
    server = ScriptedModelServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  // one server for the class, as @QuarkusTests share one: reset() must isolate the tests
  @AfterEach
  void resetServer() {
    server.reset();
  }

  @Test
  void answersWithTextAndUsage() throws Exception {
    server.enqueue(Reply.text("Your invoice is paid."));

    JsonNode completion = json(post(request(false, user("Is my invoice paid?")), 200));

    assertEquals("chat.completion", completion.path("object").asText());
    assertEquals("gpt-test", completion.path("model").asText());
    JsonNode choice = completion.path("choices").path(0);
    assertEquals("assistant", choice.path("message").path("role").asText());
    assertEquals("Your invoice is paid.", choice.path("message").path("content").asText());
    assertEquals("stop", choice.path("finish_reason").asText());
    JsonNode usage = completion.path("usage");
    assertEquals(6, usage.path("completion_tokens").asInt()); // ceil(21 chars / 4)
    assertTrue(usage.path("prompt_tokens").asInt() > 0);
    assertEquals(
        usage.path("prompt_tokens").asInt() + 6, usage.path("total_tokens").asInt(), "total");
  }

  @Test
  void answersWithToolCall() throws Exception {
    server.enqueue(Reply.toolCall("lookup_invoice", "{\"invoice_id\":\"INV-7\"}"));

    JsonNode choice =
        json(post(request(false, user("Where is INV-7?")), 200)).path("choices").path(0);

    assertEquals("tool_calls", choice.path("finish_reason").asText());
    JsonNode call = choice.path("message").path("tool_calls").path(0);
    assertTrue(call.path("id").asText().startsWith("call_"), call.toString());
    assertEquals("function", call.path("type").asText());
    assertEquals("lookup_invoice", call.path("function").path("name").asText());
    JsonNode arguments = call.path("function").path("arguments");
    assertTrue(arguments.isTextual(), "arguments travel as a JSON string");
    assertEquals("INV-7", JSON.readTree(arguments.textValue()).path("invoice_id").asText());
  }

  @Test
  void streamsTextWordByWord() throws Exception {
    String text = "Your refund is on its way.";
    server.enqueue(Reply.text(text));

    HttpResponse<String> response = post(streamingRequest(user("Where is my refund?")), 200);
    List<JsonNode> chunks = chunks(response);

    assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        "assistant", chunks.getFirst().path("choices").path(0).path("delta").path("role").asText());
    List<String> deltas = new ArrayList<>();
    for (JsonNode chunk : chunks) {
      JsonNode content = chunk.path("choices").path(0).path("delta").path("content");
      if (content.isTextual()) {
        deltas.add(content.textValue());
      }
    }
    assertEquals(6, deltas.size(), deltas.toString());
    assertEquals(text, String.join("", deltas));
    assertEquals("stop", finishReason(chunks));
    JsonNode usageChunk = chunks.getLast();
    assertTrue(usageChunk.path("choices").isEmpty());
    assertTrue(usageChunk.path("usage").path("total_tokens").asInt() > 0);
  }

  @Test
  void streamsToolCallInFragments() throws Exception {
    String arguments = "{\"query\":\"reset my password\"}";
    server.enqueue(Reply.toolCall("search_knowledge_base", arguments));

    List<JsonNode> chunks = chunks(post(streamingRequest(user("How do I reset it?")), 200));

    StringBuilder name = new StringBuilder();
    StringBuilder reassembled = new StringBuilder();
    int argumentFragments = 0;
    for (JsonNode chunk : chunks) {
      for (JsonNode call : chunk.path("choices").path(0).path("delta").path("tool_calls")) {
        assertEquals(0, call.path("index").asInt());
        name.append(call.path("function").path("name").asText());
        String fragment = call.path("function").path("arguments").asText();
        reassembled.append(fragment);
        argumentFragments += fragment.isEmpty() ? 0 : 1;
      }
    }
    assertEquals("search_knowledge_base", name.toString());
    assertEquals(arguments, reassembled.toString());
    assertTrue(argumentFragments >= 2, "arguments in " + argumentFragments + " fragments");
    assertEquals("tool_calls", finishReason(chunks));
  }

  @Test
  void recordsRequestsForAssertions() throws Exception {
    ObjectNode userParts = message("user", null);
    userParts.putArray("content").addObject().put("type", "text").put("text", "Order 42?");
    ObjectNode assistant = message("assistant", null);
    assistant
        .putArray("tool_calls")
        .addObject()
        .put("id", "call_a")
        .put("type", "function")
        .putObject("function")
        .put("name", "lookup_order")
        .put("arguments", "{\"order_id\":42}");
    ObjectNode toolResult = message("tool", "order 42 shipped").put("tool_call_id", "call_a");
    ObjectNode body =
        request(false, message("system", "You are Frontdesk."), userParts, assistant, toolResult);
    body.set("tools", tools("lookup_order", "search_knowledge_base"));

    post(body, 200);

    assertEquals(1, server.requestCount());
    RecordedRequest recorded = server.lastRequest();
    assertEquals(List.of("lookup_order", "search_knowledge_base"), recorded.toolNames());
    assertEquals("You are Frontdesk.", recorded.systemMessage());
    assertEquals("Order 42?", recorded.lastUserMessage());
    assertTrue(recorded.lastMessageIsToolResult());
    assertEquals("order 42 shipped", recorded.toolResult("lookup_order"));
    assertNull(recorded.toolResult("search_knowledge_base"));
    assertEquals(List.of("order 42 shipped"), recorded.toolResults());
    assertTrue(recorded.contains("Order 42?"));
    assertFalse(recorded.stream());
    assertEquals("gpt-test", recorded.model());
  }

  @Test
  void aToolCallWithoutAResultIsRefusedAsProvidersDo() throws Exception {
    ObjectNode assistant = message("assistant", null);
    ArrayNode calls = assistant.putArray("tool_calls");
    for (String id : List.of("call_a", "call_b")) {
      calls
          .addObject()
          .put("id", id)
          .put("type", "function")
          .putObject("function")
          .put("name", "lookup_order")
          .put("arguments", "{}");
    }
    ObjectNode onlyA = message("tool", "order shipped").put("tool_call_id", "call_a");
    server.enqueue(Reply.text("never sent"));

    JsonNode error =
        json(post(request(false, user("Orders?"), assistant, onlyA, user("and?")), 400))
            .path("error");

    assertTrue(error.path("message").asText().contains("call_b"), error.toString());
    assertFalse(error.path("message").asText().contains("call_a"), error.toString());
    ObjectNode onlyB = message("tool", "order paid").put("tool_call_id", "call_b");
    assertEquals(
        "never sent",
        content(post(request(false, user("Orders?"), assistant, onlyA, onlyB), 200)),
        "the refused request did not use up the queued reply");
  }

  @Test
  void aHeldReplyWaitsForItsRelease() throws Exception {
    Hold hold = new Hold();
    server.enqueue(Reply.text("at last").heldBy(hold));

    var response =
        CLIENT.sendAsync(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request(false, user("hi")).toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    hold.awaitArrival();

    assertEquals(1, server.requestCount(), "the request arrived");
    assertFalse(response.isDone(), "and is not answered while held");
    hold.release();
    assertEquals("at last", content(response.get(30, java.util.concurrent.TimeUnit.SECONDS)));
  }

  @Test
  void queuedRepliesBeatRulesWhichBeatTheDefault() throws Exception {
    server.setDefault(request -> Reply.text("default"));
    server.when(request -> request.contains("refund")).thenReply(Reply.text("rule"));
    server.enqueue(Reply.text("queued"));

    assertEquals("queued", content(post(request(false, user("refund please")), 200)));
    assertEquals("rule", content(post(request(false, user("refund please")), 200)));
    assertEquals("default", content(post(request(false, user("hello")), 200)));
    assertEquals(3, server.requests().size());
  }

  @Test
  void errorReplyReturnsItsStatus() throws Exception {
    server.failNext(1, 429).enqueue(Reply.error(503, "model overloaded"));

    JsonNode rateLimited = json(post(request(false, user("hi")), 429)).path("error");
    JsonNode error = json(post(streamingRequest(user("hi")), 503)).path("error");

    assertEquals("model overloaded", error.path("message").asText());
    assertEquals("server_error", error.path("type").asText());
    assertEquals("rate_limit_error", rateLimited.path("type").asText());
    post(request(false, user("hi")), 200);
  }

  @Test
  void malformedBodyGets400AndServerKeepsServing() throws Exception {
    for (String malformed : List.of("", "{not json", "[]", "{\"model\":\"gpt-test\"}")) {
      JsonNode error = json(post(malformed, 400)).path("error");
      assertEquals("invalid_request_error", error.path("type").asText(), malformed);
      assertFalse(error.path("message").asText().isEmpty(), malformed);
    }

    post(request(false, user("still there?")), 200);
    assertEquals(1, server.requestCount(), "malformed bodies are not recorded");
  }

  @Test
  void stubModelSearchesThenAnswersFromTheResult() throws Exception {
    ObjectNode question = user("How do I reset my password?");
    ObjectNode first = request(false, question);
    first.set("tools", tools("search_knowledge_base"));

    JsonNode call =
        json(post(first, 200)).path("choices").path(0).path("message").path("tool_calls").path(0);

    assertEquals("search_knowledge_base", call.path("function").path("name").asText());
    String arguments = call.path("function").path("arguments").asText();
    assertEquals("How do I reset my password?", JSON.readTree(arguments).path("query").asText());

    String article =
        "To reset your password, open Settings, choose Security and click Reset password. "
            + "A link valid for 30 minutes is emailed to the address on file.";
    ObjectNode assistant = message("assistant", null);
    assistant.putArray("tool_calls").add(call);
    ObjectNode second =
        request(
            false,
            question,
            assistant,
            message("tool", article).put("tool_call_id", call.path("id").asText()));
    second.set("tools", tools("search_knowledge_base"));

    String answer = content(post(second, 200));

    assertTrue(answer.startsWith("Here is what I found:"), answer);
    assertTrue(answer.contains(article.substring(0, 120)), answer);
    assertEquals(article, server.lastRequest().toolResult("search_knowledge_base"));
  }

  @Test
  void stubModelRoutesTriageAndOtherwiseAnswers() throws Exception {
    ObjectNode triage = request(false, message("system", "You are the Triage agent."), user("hi"));
    triage.set("tools", tools("transfer_to_billing", "transfer_to_general"));

    JsonNode call =
        json(post(triage, 200)).path("choices").path(0).path("message").path("tool_calls").path(0);

    assertEquals("transfer_to_general", call.path("function").path("name").asText());
    assertEquals(
        "stub routing",
        JSON.readTree(call.path("function").path("arguments").asText()).path("reason").asText());
    assertTrue(content(post(request(false, user("hi")), 200)).startsWith("I can help with that. "));
  }

  @Test
  void servesModelListAndPathsWithoutV1() throws Exception {
    HttpResponse<String> models =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(
        ScriptedModelServer.MODEL_ID, json(models).path("data").path(0).path("id").asText());

    server.enqueue(Reply.text("no prefix needed"));
    String root = server.baseUrl().replace("/v1", "");
    HttpResponse<String> response =
        send(root + "/chat/completions", request(false, user("hi")).toString());
    assertEquals(200, response.statusCode());
    assertEquals("no prefix needed", content(response));
  }

  @Test
  void aStreamThatEndsEarlyHasNeitherFinishReasonNorDone() throws Exception {
    server.enqueue(Reply.text("Your refund is on its way.").endingAfter(2));

    String body = post(streamingRequest(user("Where is my refund?")), 200).body();

    List<String> events = List.of(body.split("\n\n"));
    assertEquals(3, events.size(), "the role and two words: " + events);
    assertFalse(body.contains("[DONE]"), body);
    assertFalse(body.contains("finish_reason\":\""), body);
  }

  @Test
  void aDroppedStreamNeverEndsItsResponse() {
    server.enqueue(Reply.text("Your refund is on its way.").droppingAfter(2));

    assertThrows(IOException.class, () -> post(streamingRequest(user("Where is my refund?")), 200));
  }

  @Test
  void aMalformedChunkFollowsThePiecesBeforeItAndTheRestStreamsOn() throws Exception {
    server.enqueue(Reply.text("Your refund is on its way.").malformedAfter(1));

    String body = post(streamingRequest(user("Where is my refund?")), 200).body();

    List<String> events = List.of(body.split("\n\n"));
    assertThrows(IOException.class, () -> JSON.readTree(events.get(2).substring(6)));
    assertEquals("data: [DONE]", events.getLast());
  }

  @Test
  void aDrippingStreamCountsTheClientHangingUp() throws Exception {
    server.enqueue(Reply.dripping());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    streamingRequest(user("Hello")).toString(), UTF_8))
            .build();
    HttpResponse<java.io.InputStream> response =
        CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (java.io.InputStream body = response.body()) {
      assertEquals('d', body.read(), "the first byte of \"data: \"");
      assertEquals(1, server.answering());
    }

    Eventually.await("the server saw the client hang up", () -> server.hungUp() == 1);
    assertEquals(0, server.answering());
  }

  @Test
  void aBrokenAnswerThatIsNotStreamedSendsHalfItsJson() throws Exception {
    server.enqueue(Reply.text("Your refund is on its way.").endingAfter(0));

    HttpResponse<String> response = post(request(false, user("Where is my refund?")), 200);

    assertThrows(IOException.class, () -> json(response));
  }

  private static ObjectNode request(boolean stream, ObjectNode... messages) {
    ObjectNode request = JSON.createObjectNode().put("model", "gpt-test").put("stream", stream);
    request.putArray("messages").addAll(List.of(messages));
    return request;
  }

  private static ObjectNode streamingRequest(ObjectNode... messages) {
    ObjectNode request = request(true, messages);
    request.putObject("stream_options").put("include_usage", true);
    return request;
  }

  private static ObjectNode user(String text) {
    return message("user", text);
  }

  private static ObjectNode message(String role, String content) {
    return JSON.createObjectNode().put("role", role).put("content", content);
  }

  private static ArrayNode tools(String... names) {
    ArrayNode tools = JSON.createArrayNode();
    for (String name : names) {
      ObjectNode function = tools.addObject().put("type", "function").putObject("function");
      function.put("name", name).put("description", "test tool");
      function.putObject("parameters").put("type", "object");
    }
    return tools;
  }

  private static HttpResponse<String> post(JsonNode body, int expectedStatus)
      throws IOException, InterruptedException {
    return post(body.toString(), expectedStatus);
  }

  private static HttpResponse<String> post(String body, int expectedStatus)
      throws IOException, InterruptedException {
    HttpResponse<String> response = send(server.baseUrl() + "/chat/completions", body);
    assertEquals(expectedStatus, response.statusCode(), response.body());
    return response;
  }

  private static HttpResponse<String> send(String url, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8))
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private static String content(HttpResponse<String> response) throws IOException {
    return json(response).path("choices").path(0).path("message").path("content").asText();
  }

  /** The JSON chunks of an SSE response, after checking its framing and the final [DONE]. */
  private static List<JsonNode> chunks(HttpResponse<String> response) throws IOException {
    List<String> events = List.of(response.body().split("\n\n"));
    assertEquals("data: [DONE]", events.getLast());
    List<JsonNode> chunks = new ArrayList<>();
    for (String event : events.subList(0, events.size() - 1)) {
      assertTrue(event.startsWith("data: "), event);
      chunks.add(JSON.readTree(event.substring("data: ".length())));
    }
    return chunks;
  }

  private static String finishReason(List<JsonNode> chunks) {
    return chunks.stream()
        .map(chunk -> chunk.path("choices").path(0).path("finish_reason"))
        .filter(JsonNode::isTextual)
        .map(JsonNode::textValue)
        .findFirst()
        .orElse(null);
  }
}
