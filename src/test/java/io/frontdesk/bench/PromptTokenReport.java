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
 * Prompt tokens sent to the model per turn, single vs multi topology, over scripted scenarios in
 * three domains. Runs the packaged service (once per topology, fresh embedded database) against the
 * scripted model server and writes reports/prompt-tokens.md. Run by bin/report-prompt-tokens.
 */
public final class PromptTokenReport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Tokens of one turn, split by where they come from. */
  record Cost(int requests, int system, int tools, int memory) {
    int total() {
      return system + tools + memory;
    }

    Cost plus(Cost o) {
      return new Cost(requests + o.requests, system + o.system, tools + o.tools, memory + o.memory);
    }
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "target/quarkus-app/quarkus-run.jar");
    Path out = Path.of(args.length > 1 ? args[1] : "reports/prompt-tokens.md");
    List<Scenario> scenarios = Scenario.all();
    Map<String, List<Cost[]>> results = new LinkedHashMap<>();
    try (ScriptedModelServer model = ScriptedModelServer.start()) {
      model.setDefault(r -> script(r, scenarios));
      for (String topology : List.of("single", "multi")) {
        results.put(topology, run(jar, topology, model, scenarios));
      }
    }
    Files.createDirectories(out.getParent());
    Files.writeString(out, render(scenarios, results));
    System.out.println("wrote " + out);
  }

  private static List<Cost[]> run(
      Path jar, String topology, ScriptedModelServer model, List<Scenario> scenarios)
      throws Exception {
    int port = freePort();
    Path data = Files.createTempDirectory("frontdesk-bench-" + topology);
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
    builder.environment().put("FRONTDESK_AGENT_TOPOLOGY", topology);
    builder.environment().remove("QUARKUS_DATASOURCE_REACTIVE_URL");
    Process service = builder.start();
    try {
      awaitReady(port, service);
      List<Cost[]> costs = new ArrayList<>();
      int customer = 200;
      for (Scenario s : scenarios) {
        String who = "cus_%04d".formatted(customer++);
        model.reset();
        model.setDefault(r -> script(r, scenarios));
        JsonNode first = ask(port, who, s.message(), null);
        Cost turn1 = cost(model.requests());
        model.reset();
        model.setDefault(r -> script(r, scenarios));
        ask(port, who, Scenario.FOLLOW_UP, first.get("conversationId").asText());
        costs.add(new Cost[] {turn1, cost(model.requests())});
      }
      return costs;
    } finally {
      service.destroy();
      service.waitFor();
    }
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
        int chars =
            RecordedRequest.messageText(m).length()
                + (m.has("tool_calls") ? m.get("tool_calls").toString().length() : 0);
        if (m.path("role").asText().equals("system")) {
          system += Tokens.estimate(chars);
        } else {
          memory += Tokens.estimate(chars);
        }
      }
      JsonNode schema = r.json().get("tools");
      tools += schema == null ? 0 : (schema.toString().length() + 3) / 4;
    }
    return new Cost(requests.size(), system, tools, memory);
  }

  private static String render(List<Scenario> scenarios, Map<String, List<Cost[]>> results) {
    StringBuilder md = new StringBuilder();
    md.append("# Prompt tokens per turn: single vs multi topology\n\n")
        .append("Generated ")
        .append(LocalDate.now())
        .append(" by `bin/report-prompt-tokens`: the")
        .append(" packaged service, once per topology (fresh embedded PostgreSQL with the demo")
        .append(" data), against the scripted model server. Each of the ")
        .append(scenarios.size())
        .append(" scenarios is one new conversation (turn 1: the customer's question; the agent")
        .append(" calls one tool and answers) and a follow-up in the same conversation (turn 2).")
        .append(" In multi, triage routes turn 1 to the domain's specialist, who also answers")
        .append(" turn 2.\n\n")
        .append("Tokens are estimated as in the memory window (≈ 4 characters a token + 4 per")
        .append(" message), summed over every model request of the turn: **system** = system")
        .append(" prompts, **tools** = the JSON tool schemas offered, **memory** = all other")
        .append(" messages (history, the customer's message, tool calls and results).\n\n");
    md.append("## Totals\n\n| topology | turn | model calls | system | tools | memory | total |")
        .append(" per turn |\n|---|---|---|---|---|---|---|---|\n");
    for (var e : results.entrySet()) {
      for (int t = 0; t < 2; t++) {
        Cost sum = new Cost(0, 0, 0, 0);
        for (Cost[] c : e.getValue()) {
          sum = sum.plus(c[t]);
        }
        md.append(
            "| %s | %d | %d | %d | %d | %d | %d | %d |\n"
                .formatted(
                    e.getKey(),
                    t + 1,
                    sum.requests(),
                    sum.system(),
                    sum.tools(),
                    sum.memory(),
                    sum.total(),
                    sum.total() / e.getValue().size()));
      }
    }
    md.append("\n").append(reading(results)).append("\n");
    md.append("\n## Per scenario (total tokens, turn 1 / turn 2)\n\n")
        .append("| # | domain | message | single | multi | multi − single (turn 1) |\n")
        .append("|---|---|---|---|---|---|\n");
    for (int i = 0; i < scenarios.size(); i++) {
      Cost[] single = results.get("single").get(i);
      Cost[] multi = results.get("multi").get(i);
      md.append(
          "| %d | %s | %s | %d / %d | %d / %d | %+d |\n"
              .formatted(
                  i + 1,
                  scenarios.get(i).domain(),
                  scenarios.get(i).message(),
                  single[0].total(),
                  single[1].total(),
                  multi[0].total(),
                  multi[1].total(),
                  multi[0].total() - single[0].total()));
    }
    return md.toString();
  }

  /** The finding in one paragraph, computed from the totals. */
  private static String reading(Map<String, List<Cost[]>> results) {
    Cost[] single = totals(results.get("single"));
    Cost[] multi = totals(results.get("multi"));
    Cost all = single[0].plus(single[1]).plus(multi[0]).plus(multi[1]);
    return ("Multi vs single: turn 1 %+.1f%% (the extra triage call), turn 2 %+.1f%% (the specialist"
            + " offers fewer tool schemas than the all-tools agent). Tool schemas are %.0f%% of all"
            + " prompt tokens measured, system prompts %.0f%%, memory %.0f%%.")
        .formatted(
            100.0 * (multi[0].total() - single[0].total()) / single[0].total(),
            100.0 * (multi[1].total() - single[1].total()) / single[1].total(),
            100.0 * all.tools() / all.total(),
            100.0 * all.system() / all.total(),
            100.0 * all.memory() / all.total());
  }

  private static Cost[] totals(List<Cost[]> costs) {
    Cost[] sum = {new Cost(0, 0, 0, 0), new Cost(0, 0, 0, 0)};
    for (Cost[] c : costs) {
      sum[0] = sum[0].plus(c[0]);
      sum[1] = sum[1].plus(c[1]);
    }
    return sum;
  }

  private static JsonNode ask(int port, String customer, String message, String conversation)
      throws IOException, InterruptedException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("message", message);
    if (conversation != null) {
      body.put("conversationId", conversation);
    }
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/inquiries"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + demoToken(port, customer))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "inquiry failed: " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
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
