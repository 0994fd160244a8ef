package io.frontdesk.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/** A scripted OpenAI-compatible chat completions server for tests and benchmarks. */
public final class ScriptedModelServer implements AutoCloseable {

  /** The model {@code GET /v1/models} lists; completions echo the requested model instead. */
  public static final String MODEL_ID = "scripted-model";

  private static final String HOST = "127.0.0.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  // benchmarks open many connections at once; the JDK's small default backlog refuses some
  private static final int BACKLOG = 256;

  private final HttpServer http;
  // one virtual thread per exchange, so slow streams never hold up other requests
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<RecordedRequest> recorded = Collections.synchronizedList(new ArrayList<>());
  private final Queue<Reply> queue = new ConcurrentLinkedQueue<>();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private volatile Function<RecordedRequest, Reply> defaultScript = StubModelMain::reply;
  // the client ports that sent a completion request: one per connection the client opened
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private final AtomicInteger dropsPending = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private final AtomicInteger hungUp = new AtomicInteger();
  private final AtomicInteger answering = new AtomicInteger();
  private volatile Duration latency = Duration.ZERO;
  private volatile double tokensPerSecond;
  // a benchmark stub answers millions of requests: it counts them instead of keeping them
  private volatile boolean keepRequests = true;
  private final AtomicLong answered = new AtomicLong();

  private ScriptedModelServer(int port) throws IOException {
    http = HttpServer.create(new InetSocketAddress(HOST, port), BACKLOG);
    http.createContext("/", this::handle);
    http.setExecutor(executor);
    http.start();
  }

  /** Starts a server on a free port of 127.0.0.1. */
  public static ScriptedModelServer start() {
    return start(0);
  }

  /** Starts a server on this port of 127.0.0.1 (0 picks a free one). */
  public static ScriptedModelServer start(int port) {
    try {
      return new ScriptedModelServer(port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
  }

  /** Queues replies for the next requests, one each, ahead of the rules and the default. */
  public ScriptedModelServer enqueue(Reply... replies) {
    queue.addAll(List.of(replies));
    return this;
  }

  /** Makes the next {@code n} requests fail with this HTTP status. */
  public ScriptedModelServer failNext(int n, int status) {
    for (int i = 1; i <= n; i++) {
      queue.add(Reply.error(status, "scripted failure " + i + " of " + n));
    }
    return this;
  }

  /** Starts a rule; rules persist and the first one matching a request answers it. */
  public When when(Predicate<RecordedRequest> condition) {
    return new When(Objects.requireNonNull(condition, "condition"));
  }

  /** Replaces the script for requests no queued reply or rule answers. */
  public ScriptedModelServer setDefault(Function<RecordedRequest, Reply> script) {
    defaultScript = Objects.requireNonNull(script, "script");
    return this;
  }

  /** Delays the start of every response. */
  public ScriptedModelServer latency(Duration latency) {
    this.latency = Objects.requireNonNull(latency, "latency");
    return this;
  }

  /** Paces streamed chunks at this rate; 0 or less streams as fast as possible. */
  public ScriptedModelServer tokensPerSecond(double tokensPerSecond) {
    this.tokensPerSecond = tokensPerSecond;
    return this;
  }

  /**
   * Closes the next {@code n} kept-alive connections a request arrives on (a connection that
   * already served one) before any byte of the answer: what a client sees when a provider closes an
   * idle connection just as the request goes out.
   */
  public ScriptedModelServer dropNextReused(int n) {
    dropsPending.addAndGet(n);
    return this;
  }

  /** How many requests {@link #dropNextReused} dropped since the last reset. */
  public int dropped() {
    return dropped.get();
  }

  /**
   * How many answers the client hung up on (closed or reset their connection) while the server was
   * still sending them, since the last reset: a {@link Reply#dripping()} stream counts here once
   * the client closes it.
   */
  public int hungUp() {
    return hungUp.get();
  }

  /** How many completion requests the server is answering now (headers or chunks still to send). */
  public int answering() {
    return answering.get();
  }

  /** How many client connections sent a completion request since the last reset. */
  public int connections() {
    return clientPorts.size();
  }

  /** Counts requests without keeping them ({@link #requests()} stays empty): for benchmarks. */
  public ScriptedModelServer countOnly() {
    keepRequests = false;
    return this;
  }

  /** Forgets requests, queued replies and rules, and restores the knobs and default script. */
  public void reset() {
    clientPorts.clear();
    dropsPending.set(0);
    dropped.set(0);
    hungUp.set(0);
    recorded.clear();
    answered.set(0);
    keepRequests = true;
    queue.clear();
    rules.clear();
    latency = Duration.ZERO;
    tokensPerSecond = 0;
    defaultScript = StubModelMain::reply;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** The OpenAI base URL to configure clients with, ending in {@code /v1}. */
  public String baseUrl() {
    return "http://" + HOST + ":" + port() + "/v1";
  }

  /** The chat completion requests received so far, oldest first. */
  public List<RecordedRequest> requests() {
    synchronized (recorded) {
      return List.copyOf(recorded);
    }
  }

  public int requestCount() {
    return recorded.size();
  }

  /** The latest chat completion request, or null if none arrived yet. */
  public RecordedRequest lastRequest() {
    synchronized (recorded) {
      return recorded.isEmpty() ? null : recorded.getLast();
    }
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) {
    try {
      route(exchange);
    } catch (IOException e) {
      // the client hung up or the server is closing: nobody is left to answer
      hungUp.incrementAndGet();
    }
    // a reply that drops its connection leaves the exchange open: the server closes the connection
    // when the handler throws, without ending the response
    exchange.close();
  }

  /** Thrown by a handler to make the server drop the connection, response unfinished. */
  private static final class DropConnection extends RuntimeException {
    DropConnection() {
      super("scripted: connection dropped mid-answer", null, false, false);
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    // clients configured with or without the /v1 base path reach the same endpoints
    String endpoint = path.startsWith("/v1/") ? path.substring("/v1".length()) : path;
    switch (exchange.getRequestMethod() + " " + endpoint) {
      case "POST /chat/completions" -> complete(exchange);
      case "GET /models" -> sendJson(exchange, 200, models());
      case "GET /stats" -> sendJson(exchange, 200, stats());
      default -> sendError(exchange, Reply.error(404, "no endpoint " + path));
    }
  }

  private void complete(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
    boolean reused = !clientPorts.add(exchange.getRemoteAddress().getPort());
    if (reused && dropsPending.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      // closing the exchange before any response header closes the connection itself
      dropped.incrementAndGet();
      return;
    }
    RecordedRequest request;
    try {
      request = RecordedRequest.parse(body);
    } catch (IllegalArgumentException e) {
      sendError(exchange, Reply.error(400, e.getMessage()));
      return;
    }
    answered.incrementAndGet();
    if (keepRequests) {
      recorded.add(request);
    }
    List<String> unanswered = request.unansweredToolCalls();
    if (!unanswered.isEmpty()) {
      // what OpenAI answers when a tool call has no result: the whole request is refused
      sendError(
          exchange,
          Reply.error(
              400,
              "An assistant message with 'tool_calls' must be followed by tool messages"
                  + " responding to each 'tool_call_id'. The following tool_call_ids did not"
                  + " have response messages: "
                  + String.join(", ", unanswered)));
      return;
    }
    Reply reply = script(request);
    pause(latency.plus(reply.latency()));
    if (reply.hold() != null) {
      hold(reply.hold());
    }
    answering.incrementAndGet();
    try {
      if (reply.isError()) {
        sendError(exchange, reply);
      } else if (request.stream()) {
        stream(exchange, request, reply);
      } else if (reply.breaks() != Reply.Break.NONE) {
        sendBrokenJson(exchange, completion(request, reply), reply.breaks());
      } else {
        sendJson(exchange, 200, completion(request, reply));
      }
    } finally {
      answering.decrementAndGet();
    }
  }

  private Reply script(RecordedRequest request) {
    Reply queued = queue.poll();
    if (queued != null) {
      return queued;
    }
    try {
      Reply reply = scriptFor(request).apply(request);
      return Objects.requireNonNull(reply, "the script returned no reply");
    } catch (RuntimeException e) {
      // a broken script fails its own request readably instead of dropping the connection
      return Reply.error(500, "script failed: " + e);
    }
  }

  private Function<RecordedRequest, Reply> scriptFor(RecordedRequest request) {
    return rules.stream()
        .filter(rule -> rule.condition().test(request))
        .findFirst()
        .map(Rule::script)
        .orElse(defaultScript);
  }

  private ObjectNode completion(RecordedRequest request, Reply reply) {
    ObjectNode completion = head("chat.completion", request);
    ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
    choice.set("message", reply.message(callIds(reply)));
    choice.put("finish_reason", reply.finishReason());
    completion.set("usage", usage(request, reply));
    return completion;
  }

  private void stream(HttpExchange exchange, RecordedRequest request, Reply reply)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0); // chunked, so every event leaves as soon as it is written
    OutputStream out = exchange.getResponseBody();
    ObjectNode head = head("chat.completion.chunk", request);
    String role = chunk(head, JSON.createObjectNode().put("role", "assistant"), null);
    List<ObjectNode> deltas = reply.deltas(callIds(reply));
    sendEvent(out, role);
    for (int i = 0; i < deltas.size(); i++) {
      if (reply.breaks() == Reply.Break.DRIPS && i == reply.breaksAfter()) {
        drip(
            out, deltas.subList(i, deltas.size()).stream().map(d -> chunk(head, d, null)).toList());
      }
      if (brokeOff(out, reply, i)) {
        return;
      }
      pace();
      sendEvent(out, chunk(head, deltas.get(i), null));
    }
    if (brokeOff(out, reply, deltas.size())) {
      return;
    }
    sendEvent(out, chunk(head, JSON.createObjectNode(), reply.finishReason()));
    if (request.includeUsage()) {
      ObjectNode usage = head.deepCopy();
      usage.putArray("choices");
      usage.set("usage", usage(request, reply));
      sendEvent(out, usage.toString());
    }
    sendEvent(out, "[DONE]");
  }

  /**
   * Breaks the stream off before piece {@code index} if the reply says so; true when nothing more
   * is to be sent (the response ends as the exchange closes).
   */
  private static boolean brokeOff(OutputStream out, Reply reply, int index) throws IOException {
    if (index != reply.breaksAfter()) {
      return false;
    }
    switch (reply.breaks()) {
      case ENDS -> {
        return true;
      }
      case DROPS -> {
        // the pieces sent reach the client before the connection goes (a close right behind them
        // can take them along on a busy machine, and the client then sees an empty answer)
        pause(Duration.ofMillis(300));
        throw new DropConnection();
      }
      case MALFORMED -> {
        // an event whose data is cut inside a JSON string: no client can parse it
        out.write(
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"cut\n\n".getBytes(UTF_8));
        out.flush();
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  /** The stream's chunks, one byte a second, again and again, until the client hangs up. */
  private static void drip(OutputStream out, List<String> chunks) throws IOException {
    StringBuilder events = new StringBuilder();
    chunks.forEach(c -> events.append("data: ").append(c).append("\n\n"));
    byte[] bytes = events.toString().getBytes(UTF_8);
    for (long i = 0; ; i++) {
      out.write(bytes[(int) (i % bytes.length)]);
      out.flush();
      pause(Duration.ofSeconds(1));
    }
  }

  /** A non-streamed answer broken off half-way through its JSON body. */
  private static void sendBrokenJson(HttpExchange exchange, JsonNode body, Reply.Break how)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    exchange.getResponseBody().write(bytes, 0, bytes.length / 2);
    exchange.getResponseBody().flush();
    if (how == Reply.Break.DROPS) {
      throw new DropConnection();
    }
  }

  private ObjectNode head(String object, RecordedRequest request) {
    ObjectNode head = JSON.createObjectNode();
    head.put("id", "chatcmpl-" + sequence.incrementAndGet());
    head.put("object", object);
    head.put("created", Instant.now().getEpochSecond());
    head.put("model", request.model() == null ? MODEL_ID : request.model());
    return head;
  }

  // ids are made per response, so a rule's reply used twice still gets distinct tool-call ids
  private List<String> callIds(Reply reply) {
    return reply.toolCalls().stream().map(call -> "call_" + sequence.incrementAndGet()).toList();
  }

  private static String chunk(ObjectNode head, ObjectNode delta, String finishReason) {
    ObjectNode chunk = head.deepCopy();
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    choice.put("finish_reason", finishReason);
    return chunk.toString();
  }

  // token counts are estimates (a token is about four characters), enough for usage metrics
  private static ObjectNode usage(RecordedRequest request, Reply reply) {
    JsonNode json = request.json();
    String tools = json.has("tools") ? json.get("tools").toString() : "";
    int promptTokens = tokens(json.get("messages").toString() + tools);
    int completionTokens = tokens(reply.generatedText());
    return JSON.createObjectNode()
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
  }

  private static int tokens(String text) {
    return (text.length() + 3) / 4;
  }

  /** For benchmarks: requests answered and client connections seen since the last reset. */
  private ObjectNode stats() {
    return JSON.createObjectNode()
        .put("requests", answered.get())
        .put("connections", clientPorts.size());
  }

  private static ObjectNode models() {
    ObjectNode models = JSON.createObjectNode().put("object", "list");
    models
        .putArray("data")
        .addObject()
        .put("id", MODEL_ID)
        .put("object", "model")
        .put("created", 0)
        .put("owned_by", "frontdesk");
    return models;
  }

  private void pace() throws InterruptedIOException {
    if (tokensPerSecond > 0) {
      pause(Duration.ofNanos((long) (1_000_000_000 / tokensPerSecond)));
    }
  }

  private static void pause(Duration duration) throws InterruptedIOException {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // only close() interrupts: give up on the exchange like on a client that hung up
      throw new InterruptedIOException("server closing");
    }
  }

  private static void hold(Hold hold) throws InterruptedIOException {
    try {
      hold.arriveAndWait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("server closing");
    }
  }

  private static void sendJson(HttpExchange exchange, int status, JsonNode body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static void sendError(HttpExchange exchange, Reply error) throws IOException {
    if (error.retryAfter() != null) {
      exchange.getResponseHeaders().set("Retry-After", error.retryAfter());
    }
    sendJson(exchange, error.status(), error.errorBody());
  }

  private static void sendEvent(OutputStream out, String data) throws IOException {
    out.write(("data: " + data + "\n\n").getBytes(UTF_8));
    out.flush();
  }

  /** A rule waiting for its reply. */
  public final class When {
    private final Predicate<RecordedRequest> condition;

    private When(Predicate<RecordedRequest> condition) {
      this.condition = condition;
    }

    /** Answers matching requests with this reply. */
    public ScriptedModelServer thenReply(Reply reply) {
      Objects.requireNonNull(reply, "reply");
      return thenReply(request -> reply);
    }

    /** Answers matching requests with what {@code script} makes of them. */
    public ScriptedModelServer thenReply(Function<RecordedRequest, Reply> script) {
      rules.add(new Rule(condition, Objects.requireNonNull(script, "script")));
      return ScriptedModelServer.this;
    }
  }

  private record Rule(
      Predicate<RecordedRequest> condition, Function<RecordedRequest, Reply> script) {}
}
