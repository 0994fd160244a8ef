package io.frontdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.conversation.Tokens;
import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prompt tokens sent to the model per turn, single vs multi topology, and what router-first triage
 * saves in multi (model calls, prompt tokens, time to first token), over scripted scenarios in
 * three domains. Runs the packaged service (once per setup, fresh embedded database) against the
 * scripted model server and writes reports/prompt-tokens.md. Run by bin/report-prompt-tokens.
 */
public final class PromptTokenReport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Every scripted model response starts this late, so time to first token counts model calls. */
  static final Duration MODEL_LATENCY = Duration.ofMillis(300);

  /**
   * Tokens of one turn, split by where they come from, its time to the first answer text, and
   * whether the router handed it on (1) or not (0).
   */
  record Cost(
      int requests,
      int system,
      int tools,
      int memory,
      long firstTokenMs,
      int routerHandoffs,
      int toWorkflows) {
    int total() {
      return system + tools + memory;
    }

    Cost plus(Cost o) {
      return new Cost(
          requests + o.requests,
          system + o.system,
          tools + o.tools,
          memory + o.memory,
          firstTokenMs + o.firstTokenMs,
          routerHandoffs + o.routerHandoffs,
          toWorkflows + o.toWorkflows);
    }
  }

  /** One way of running the service. */
  record Setup(String name, String topology, boolean router) {}

  static final Setup SINGLE = new Setup("single", "single", true);
  static final Setup MULTI_TRIAGE = new Setup("multi, LLM triage (router off)", "multi", false);
  static final Setup MULTI_ROUTER = new Setup("multi, router-first", "multi", true);

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "target/quarkus-app/quarkus-run.jar");
    Path out = Path.of(args.length > 1 ? args[1] : "reports/prompt-tokens.md");
    List<Scenario> scenarios = Scenario.all();
    Map<Setup, List<Cost[]>> results = new LinkedHashMap<>();
    try (ScriptedModelServer model = ScriptedModelServer.start()) {
      for (Setup setup : List.of(SINGLE, MULTI_TRIAGE, MULTI_ROUTER)) {
        results.put(setup, run(jar, setup, model, scenarios));
      }
    }
    Files.createDirectories(out.getParent());
    Files.writeString(out, render(scenarios, results));
    System.out.println("wrote " + out);
  }

  private static List<Cost[]> run(
      Path jar, Setup setup, ScriptedModelServer model, List<Scenario> scenarios) throws Exception {
    int port = freePort();
    Path data = Files.createTempDirectory("frontdesk-bench-" + setup.topology());
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("service.log").toFile());
    builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
    builder
        .environment()
        .put("FRONTDESK_EMBEDDED_DATABASE_DATA_DIR", data.resolve("pg").toString());
    builder.environment().put("FRONTDESK_SECURITY_DEMO_KEY_DIR", data.resolve("keys").toString());
    builder.environment().put("OPENAI_BASE_URL", model.baseUrl());
    builder.environment().put("OPENAI_API_KEY", "bench");
    builder.environment().put("FRONTDESK_AGENT_TOPOLOGY", setup.topology());
    builder.environment().put("FRONTDESK_ROUTER_ENABLED", String.valueOf(setup.router()));
    builder.environment().remove("QUARKUS_DATASOURCE_REACTIVE_URL");
    Process service = builder.start();
    try {
      awaitReady(port, service);
      List<Cost[]> costs = new ArrayList<>();
      int customer = 200;
      for (Scenario s : scenarios) {
        String who = "cus_%04d".formatted(customer++);
        Turn first = turn(port, who, s.message(), null, model, scenarios);
        Turn second = turn(port, who, Scenario.FOLLOW_UP, first.conversationId(), model, scenarios);
        costs.add(new Cost[] {first.cost(), second.cost()});
      }
      return costs;
    } finally {
      service.destroy();
      service.waitFor();
    }
  }

  /** One streamed turn: its cost, and the conversation it belongs to. */
  private record Turn(Cost cost, String conversationId) {}

  private static Turn turn(
      int port,
      String customer,
      String message,
      String conversation,
      ScriptedModelServer model,
      List<Scenario> scenarios)
      throws IOException, InterruptedException {
    model.reset();
    model.setDefault(r -> script(r, scenarios));
    model.latency(MODEL_LATENCY);
    Streamed streamed = stream(port, customer, message, conversation);
    Cost tokens = cost(model.requests());
    return new Turn(
        new Cost(
            tokens.requests(),
            tokens.system(),
            tokens.tools(),
            tokens.memory(),
            streamed.firstTextMs(),
            streamed.routedTo() == null ? 0 : 1,
            streamed.routedTo() != null && streamed.routedTo().startsWith("workflow:") ? 1 : 0),
        streamed.conversationId());
  }

  /** The scripted model: triage routes by domain, agents call the scenario's tool, then answer. */
  static Reply script(RecordedRequest r, List<Scenario> scenarios) {
    Scenario s =
        scenarios.stream()
            .filter(sc -> r.contains(sc.message()))
            .findFirst()
            .orElse(scenarios.getFirst());
    if (r.systemMessage() != null && r.systemMessage().contains("Triage Agent")) {
      return Reply.toolCall("transfer_to_" + s.domain(), "{\"reason\":\"" + s.domain() + "\"}");
    }
    if (!r.lastMessageIsToolResult()) {
      return Reply.toolCall(s.tool(), s.arguments());
    }
    return Reply.text(
        "Here is what I found for you: the records above answer it. I checked your account and"
            + " the help centre; follow the steps in the article and tell me if anything is"
            + " still unclear.");
  }

  static Cost cost(List<RecordedRequest> requests) {
    int system = 0;
    int tools = 0;
    int memory = 0;
    for (RecordedRequest r : requests) {
      for (JsonNode m : r.messages()) {
        int tokens =
            Tokens.message(RecordedRequest.messageText(m))
                + (m.has("tool_calls") ? Tokens.count(m.get("tool_calls").toString()) : 0);
        if (m.path("role").asText().equals("system")) {
          system += tokens;
        } else {
          memory += tokens;
        }
      }
      JsonNode schema = r.json().get("tools");
      tools += schema == null ? 0 : Tokens.count(schema.toString());
    }
    return new Cost(requests.size(), system, tools, memory, 0, 0, 0);
  }

  private static String render(List<Scenario> scenarios, Map<Setup, List<Cost[]>> results) {
    StringBuilder md = new StringBuilder();
    md.append("# Prompt tokens per turn: single vs multi, and router-first triage\n\n")
        .append("Generated ")
        .append(LocalDate.now())
        .append(" by `bin/report-prompt-tokens`: the")
        .append(" packaged service, once per setup (fresh embedded PostgreSQL with the demo")
        .append(" data), against the scripted model server, which starts every response ")
        .append(MODEL_LATENCY.toMillis())
        .append(" ms late (a model's latency, so time to first token counts model calls). Each of")
        .append(" the ")
        .append(scenarios.size())
        .append(" scenarios is one new conversation (turn 1: the customer's question; the agent")
        .append(" calls one tool and answers) and a follow-up in the same conversation (turn 2).")
        .append(" In multi, turn 1 reaches the domain's specialist, who also answers turn 2:")
        .append(" through the LLM triage, or, router-first, straight from the router when it is")
        .append(" sure.\n\n")
        .append("Tokens are counted with the GPT-4o tokenizer (o200k_base, jtokkit) + 4 per")
        .append(" message, summed over every model request of the turn: **system** = system")
        .append(" prompts, **tools** = the JSON tool schemas offered, **memory** = all other")
        .append(" messages (history, the customer's message, tool calls and results). **first")
        .append(" token** = median time from sending the message to the first streamed answer")
        .append(" text (SSE).\n\n");
    md.append("## Totals\n\n| setup | turn | model calls | system | tools | memory | total |")
        .append(" per turn | first token p50 (ms) |\n|---|---|---|---|---|---|---|---|---|\n");
    for (var e : results.entrySet()) {
      for (int t = 0; t < 2; t++) {
        Cost sum = sum(e.getValue(), t);
        md.append(
            "| %s | %d | %d | %d | %d | %d | %d | %d | %d |\n"
                .formatted(
                    e.getKey().name(),
                    t + 1,
                    sum.requests(),
                    sum.system(),
                    sum.tools(),
                    sum.memory(),
                    sum.total(),
                    sum.total() / e.getValue().size(),
                    median(e.getValue(), t)));
      }
    }
    md.append("\n").append(reading(results)).append("\n");
    md.append("\n## Per scenario (turn 1: total tokens / model calls / first token ms)\n\n")
        .append("| # | domain | message | single | multi, LLM triage | multi, router-first |\n")
        .append("|---|---|---|---|---|---|\n");
    for (int i = 0; i < scenarios.size(); i++) {
      md.append(
          "| %d | %s | %s | %s | %s | %s |\n"
              .formatted(
                  i + 1,
                  scenarios.get(i).domain(),
                  scenarios.get(i).message(),
                  cell(results.get(SINGLE).get(i)[0]),
                  cell(results.get(MULTI_TRIAGE).get(i)[0]),
                  cell(results.get(MULTI_ROUTER).get(i)[0])));
    }
    return md.toString();
  }

  private static String cell(Cost c) {
    return "%d / %d / %d".formatted(c.total(), c.requests(), c.firstTokenMs());
  }

  /** The findings, computed from the totals. */
  private static String reading(Map<Setup, List<Cost[]>> results) {
    Cost[] single = totals(results.get(SINGLE));
    Cost[] triage = totals(results.get(MULTI_TRIAGE));
    Cost[] router = totals(results.get(MULTI_ROUTER));
    Cost all = single[0].plus(single[1]).plus(triage[0]).plus(triage[1]);
    int sure = router[0].routerHandoffs();
    return ("Multi (LLM triage) vs single: turn 1 %+.1f%% (one more call, triage, but each call"
            + " offers fewer tool schemas), turn 2 %+.1f%%"
            + " (the specialist offers fewer tool schemas than the all-tools agent). Tool schemas"
            + " are %.0f%% of those prompt tokens, system prompts %.0f%%, memory %.0f%%.%n%n"
            + "**Router-first** (multi): the router was sure of %d of %d first messages and handed"
            + " them on without the triage call (%d of them to a workflow, whose steps cost more"
            + " than the one specialist the scripted triage picks): turn 1 model calls %d → %d"
            + " (%+.1f%%), prompt tokens %d → %d"
            + " (%+.1f%%), median time to first token %d → %d ms. Turn 2 is answered by the"
            + " specialist either way (%d → %d prompt tokens).")
        .formatted(
            100.0 * (triage[0].total() - single[0].total()) / single[0].total(),
            100.0 * (triage[1].total() - single[1].total()) / single[1].total(),
            100.0 * all.tools() / all.total(),
            100.0 * all.system() / all.total(),
            100.0 * all.memory() / all.total(),
            sure,
            results.get(MULTI_ROUTER).size(),
            router[0].toWorkflows(),
            triage[0].requests(),
            router[0].requests(),
            100.0 * (router[0].requests() - triage[0].requests()) / triage[0].requests(),
            triage[0].total(),
            router[0].total(),
            100.0 * (router[0].total() - triage[0].total()) / triage[0].total(),
            median(results.get(MULTI_TRIAGE), 0),
            median(results.get(MULTI_ROUTER), 0),
            triage[1].total(),
            router[1].total());
  }

  private static Cost sum(List<Cost[]> costs, int turn) {
    Cost sum = new Cost(0, 0, 0, 0, 0, 0, 0);
    for (Cost[] c : costs) {
      sum = sum.plus(c[turn]);
    }
    return sum;
  }

  private static long median(List<Cost[]> costs, int turn) {
    long[] ms = costs.stream().mapToLong(c -> c[turn].firstTokenMs()).sorted().toArray();
    return ms[ms.length / 2];
  }

  private static Cost[] totals(List<Cost[]> costs) {
    return new Cost[] {sum(costs, 0), sum(costs, 1)};
  }

  /** A streamed turn's time to its first answer text, and its conversation id. */
  private record Streamed(long firstTextMs, String conversationId, String routedTo) {}

  private static Streamed stream(int port, String customer, String message, String conversation)
      throws IOException, InterruptedException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("message", message);
    if (conversation != null) {
      body.put("conversationId", conversation);
    }
    String token = demoToken(port, customer);
    long start = System.nanoTime();
    HttpResponse<java.util.stream.Stream<String>> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/inquiries/stream"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("inquiry failed: " + response.statusCode());
    }
    long first = -1;
    String conversationId = null;
    String routedTo = null;
    for (String line : (Iterable<String>) response.body()::iterator) {
      if (!line.startsWith("data:")) {
        continue;
      }
      JsonNode event = JSON.readTree(line.substring(5).strip());
      String type = event.path("type").asText();
      if (first < 0 && (type.equals("text") || type.equals("done"))) {
        first = (System.nanoTime() - start) / 1_000_000;
      }
      if (type.equals("done")) {
        conversationId = event.get("conversationId").asText();
      }
      if (type.equals("handoff") && event.path("reason").asText().equals("router")) {
        routedTo = event.path("to").asText();
      }
    }
    return new Streamed(first, conversationId, routedTo);
  }

  /** The service runs in demo mode (its own generated key): it signs a token for the customer. */
  private static String demoToken(int port, String customer)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/demo/tokens"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("subject", customer, "role", "customer"))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "demo token failed: " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body()).get("token").asText();
  }

  private static void awaitReady(int port, Process service) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      if (!service.isAlive()) {
        throw new IllegalStateException("the service exited; see its service.log");
      }
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the service did not become ready in 2 minutes");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
