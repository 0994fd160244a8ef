package io.frontdesk.scenario;

import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the scenarios k times against the packaged service and writes a report: pass^1 … pass^k per
 * domain (τ-bench: the chance that all of j runs of a scenario pass), false escalations vs wrong
 * answers for confidence thresholds 0.5-0.9, and a reliability table. Modes: {@code offline} (no
 * model endpoint), {@code scripted} (the scripted OpenAI-compatible server playing the scenario's
 * own replies: a check of the service, not of a model) and {@code endpoint} (any OpenAI-compatible
 * endpoint; the simulated user is then an LLM on the same endpoint). Run by {@code
 * bin/evaluate-scenarios}.
 */
public final class ScenarioEvaluation {

  private ScenarioEvaluation() {}

  /** -Dscenarios.show=true prints every scenario's first conversation, passed or not. */
  private static final boolean SHOW = Boolean.getBoolean("scenarios.show");

  /**
   * One mode's runs: {@code runs} against the service as configured (pass^k), {@code ungated}
   * against the same service with low-confidence escalation off (threshold 0), so that what every
   * threshold would do can be read from the answers it would hold back.
   */
  record ModeResult(
      String mode,
      String description,
      int k,
      List<ScenarioRunner.Outcome> runs,
      List<ScenarioRunner.Outcome> ungated) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int k = Integer.parseInt(opts.getOrDefault("k", "2"));
    Path out = Path.of(opts.getOrDefault("out", "reports/scenario-evaluation.md"));
    List<String> modes =
        opts.containsKey("endpoint")
            ? List.of("endpoint")
            : List.of(opts.getOrDefault("modes", "offline,scripted").split(","));
    ScenarioSources sources =
        ScenarioSources.read(
                Scenario.DIRECTORY,
                opts.containsKey("eval-dir") ? Path.of(opts.get("eval-dir")) : null)
            .only(opts.get("only"));
    List<Scenario> scenarios = sources.scenarios();
    long started = System.nanoTime();
    List<ModeResult> results = new ArrayList<>();
    for (String mode : modes) {
      results.add(run(mode, opts, scenarios, k));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String report =
        ScenarioReport.render(
            results, sources, seconds, String.join(" ", args), configuredThreshold());
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
    System.out.printf(Locale.ROOT, "wrote %s in %.0f s%n", out, seconds);
  }

  private static ModeResult run(
      String mode, Map<String, String> opts, List<Scenario> scenarios, int k) throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("FRONTDESK_OTEL_DISABLED", "true");
    ScriptedModelServer model = null;
    SimulatedUser user = SimulatedUser.scripted();
    String description;
    switch (mode) {
      case "offline" -> {
        env.put("FRONTDESK_OFFLINE_MODE", "always");
        description = "the offline model (no endpoint), scripted user";
      }
      case "scripted" -> {
        model = ScriptedModelServer.start();
        env.put("OPENAI_BASE_URL", model.baseUrl());
        env.put("OPENAI_API_KEY", "scripted");
        env.put("FRONTDESK_OFFLINE_MODE", "never");
        env.put("FRONTDESK_AGENT_TOPOLOGY", "single");
        description =
            "the scripted model (each scenario's own replies; single topology), scripted user";
      }
      case "endpoint" -> {
        String endpoint = opts.get("endpoint");
        String name = opts.getOrDefault("model", "gpt-4o-mini");
        String key = System.getenv().getOrDefault("OPENAI_API_KEY", "");
        env.put("OPENAI_BASE_URL", endpoint);
        env.put("OPENAI_API_KEY", key.isBlank() ? "none" : key);
        env.put("FRONTDESK_AGENT_MODEL", name);
        env.put("FRONTDESK_OFFLINE_MODE", "never");
        user = SimulatedUser.llm(endpoint, opts.getOrDefault("user-model", name), key);
        description = "model `" + name + "` at " + endpoint + ", LLM-played user";
      }
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
    try {
      List<ScenarioRunner.Outcome> runs = runs(mode, env, model, user, scenarios, k);
      Map<String, String> ungated = new LinkedHashMap<>(env);
      ungated.put("FRONTDESK_ESCALATION_CONFIDENCE_THRESHOLD", "0");
      List<ScenarioRunner.Outcome> open =
          runs(mode + "-ungated", ungated, model, user, scenarios, k);
      return new ModeResult(mode, description, k, runs, open);
    } finally {
      if (model != null) {
        model.close();
      }
    }
  }

  /** k rounds of the scenarios against one fresh service (its own embedded database). */
  private static List<ScenarioRunner.Outcome> runs(
      String mode,
      Map<String, String> env,
      ScriptedModelServer model,
      SimulatedUser user,
      List<Scenario> scenarios,
      int k)
      throws Exception {
    Path work = Path.of("target/scenarios", mode);
    wipe(work.resolve("data"));
    List<ScenarioRunner.Outcome> runs = new ArrayList<>();
    try (ServiceProcess service = ServiceProcess.start(work, "service", env)) {
      String jdbc = service.embeddedDatabaseJdbcUrl();
      ScenarioRunner runner =
          new ScenarioRunner(service.baseUrl(), jdbc, model, user, mode.startsWith("offline"));
      for (int run = 0; run < k; run++) {
        for (Scenario s : scenarios) {
          ScenarioRunner.Outcome o;
          try {
            o = runner.run(s);
          } catch (Exception e) {
            o =
                new ScenarioRunner.Outcome(
                    s, false, List.of("run failed: " + e.getMessage()), 0, false, List.of());
          }
          runs.add(o);
          System.out.printf(
              "%s run %d %s: %s %s%n",
              mode, run + 1, s.id(), o.passed() ? "pass" : "FAIL", o.failures());
          if ((!o.passed() || SHOW) && run == 0) {
            // the first failing run's conversation, to see why (the report keeps the reason)
            for (ScenarioRunner.Turn t : o.turns()) {
              System.out.printf(
                  "    > %s%n    < %s%n", t.message(), t.response().replace("\n", " / "));
            }
          }
        }
      }
    }
    return runs;
  }

  /** The service's default confidence threshold, from its application.yaml. */
  static double configuredThreshold() throws IOException {
    return new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
        .readTree(Path.of("src/main/resources/application.yaml").toFile())
        .path("frontdesk")
        .path("escalation")
        .path("confidence-threshold")
        .asDouble(Double.NaN);
  }

  private static void wipe(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static String today() {
    return LocalDate.now().toString();
  }
}
