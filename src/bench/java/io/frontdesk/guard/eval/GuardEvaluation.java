package io.frontdesk.guard.eval;

import io.frontdesk.agent.routing.eval.CachedEmbedder;
import io.frontdesk.embedding.InProcessEmbedder;
import io.frontdesk.guard.EmbeddingHeads;
import io.frontdesk.guard.GuardConfig;
import io.frontdesk.guard.GuardPipeline;
import io.frontdesk.guard.InjectionDetector;
import io.frontdesk.guard.PiiRedactor;
import io.frontdesk.guard.PromptLeakDetector;
import io.frontdesk.guard.ToolOutputGuard;
import io.frontdesk.guard.ToxicityDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every guard detector over the public labelled sets in {@code ../shared/eval} and writes
 * {@code reports/guard-evaluation.md}: quality per guard, split into what tuning looked at and what
 * it did not, and per-call latency. Run by {@code bin/evaluate-guards}.
 */
public final class GuardEvaluation {

  private GuardEvaluation() {}

  public static void main(String[] args) throws IOException {
    Path evalDir = Path.of(args.length > 0 ? args[0] : "../shared/eval");
    Path output = Path.of(args.length > 1 ? args[1] : "reports/guard-evaluation.md");
    String command = args.length > 2 ? args[2] : "bin/evaluate-guards";
    EvalData data = new EvalData(evalDir);
    long started = System.nanoTime();

    GuardConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(GuardConfig.class)
            .build()
            .getConfigMapping(GuardConfig.class);
    InjectionDetector injection = new InjectionDetector();
    ToxicityDetector toxicity = new ToxicityDetector();
    PiiRedactor pii = new PiiRedactor();
    PromptLeakDetector promptLeak = new PromptLeakDetector();
    ToolOutputGuard toolOutput = new ToolOutputGuard();
    GuardPipeline pipeline =
        new GuardPipeline(
            config, injection, toxicity, pii, promptLeak, toolOutput, new SimpleMeterRegistry());

    InjectionSection injectionSection =
        new InjectionSection(data, injection, config.injection().threshold());
    ToolOutputSection toolSection =
        new ToolOutputSection(data, toolOutput, config.toolOutput().threshold());
    PiiSection piiSection = new PiiSection(data, pii, config.pii().threshold());
    ToxicitySection toxicitySection =
        new ToxicitySection(data, toxicity, config.toxicity().threshold());
    PromptLeakSection leakSection =
        new PromptLeakSection(data, promptLeak, config.promptLeak().threshold());

    InProcessEmbedder model = InProcessEmbedder.load();
    CachedEmbedder cached = new CachedEmbedder(model, Path.of("target/eval-cache"));
    HeadSection heads = HeadSection.over(data, model, cached, config, injection, toxicity);
    GuardPipeline withHeads =
        new GuardPipeline(
            config,
            injection,
            toxicity,
            pii,
            promptLeak,
            toolOutput,
            new SimpleMeterRegistry(),
            EmbeddingHeads.shipped());

    StringBuilder body = new StringBuilder();
    injectionSection.write(body);
    heads.write(body);
    toolSection.write(body);
    piiSection.write(body);
    toxicitySection.write(body);
    leakSection.write(body);

    List<String> inputs = injectionSection.texts();
    List<String> answers = new ArrayList<>(piiSection.texts());
    answers.addAll(leakSection.texts());
    List<Object[]> latency = new ArrayList<>();
    latency.add(row("injection", "customer messages", Latency.measure(inputs, injection::scan)));
    List<String> toxicInputs = new ArrayList<>(inputs);
    toxicInputs.addAll(toxicitySection.texts());
    latency.add(
        row(
            "toxicity",
            "customer messages + tweets",
            Latency.measure(toxicInputs, toxicity::scan)));
    latency.add(
        row(
            "pii",
            "presidio sentences + answers",
            Latency.measure(answers, t -> pii.redact(t, 0.5))));
    String prompt = leakSection.prompt;
    latency.add(
        row("prompt-leak", "answers", Latency.measure(answers, t -> promptLeak.scan(t, prompt))));
    latency.add(
        row(
            "tool-output",
            "articles, doc pages, StackFAQ threads, poisoned articles",
            Latency.measure(toolSection.texts(), t -> toolOutput.neutralise(t, 0.5))));
    latency.add(
        row(
            "pipeline.checkInput",
            "customer messages",
            Latency.measure(inputs, pipeline::checkInput)));
    latency.add(
        row(
            "pipeline.checkOutput",
            "answers",
            Latency.measure(answers, t -> pipeline.checkOutput(t, prompt))));
    // what a turn pays for its input guards: embedding the message (shared with the router)
    // plus rules and heads; a sample of customer questions and every attack
    List<String> turnInputs = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i += Math.max(1, inputs.size() / 1500)) {
      turnInputs.add(inputs.get(i));
    }
    // the embedding alone and the guards alone, so neither hides behind the other: the embedding is
    // computed once per turn for the router and retrieval too; the guards' own cost is what runs
    // given the vector. Customer questions alone (short) beside every input text (long attacks).
    List<String> customerQuestions = new ArrayList<>();
    List<EvalData.Example> customers = new ArrayList<>(data.banking77());
    customers.addAll(data.clincInScope());
    for (int i = 0; i < customers.size(); i += Math.max(1, customers.size() / 1000)) {
      customerQuestions.add(customers.get(i).text());
    }
    Latency.Result embedCustomers = Latency.measure(customerQuestions, model::embed);
    latency.add(row("embed only (the router's vector)", "customer questions", embedCustomers));
    Latency.Result turnInput =
        Latency.measure(
            turnInputs,
            t -> withHeads.checkInput(t, model.embed(io.frontdesk.embedding.References.strip(t))));
    latency.add(row("embed + checkInput (rules and heads)", "customer messages", turnInput));
    Map<String, float[]> vectors = new HashMap<>();
    turnInputs.forEach(
        t -> vectors.put(t, cached.embed(HeadData.asTheTurnReadsIt(model).apply(t))));
    Latency.Result guardsGivenVector =
        Latency.measure(turnInputs, t -> withHeads.checkInput(t, vectors.get(t)));
    latency.add(
        row(
            "checkInput given the vector (rules and heads, no embedding)",
            "customer messages",
            guardsGivenVector));
    latency.add(
        row(
            "heads only (given the vector)",
            "customer messages",
            Latency.measure(
                turnInputs,
                t -> {
                  float[] v = heads.data().vectors.get(t);
                  if (v != null) {
                    withHeads.checkInput("", v);
                  }
                })));
    double seconds = (System.nanoTime() - started) / 1e9;

    StringBuilder md = new StringBuilder();
    header(md, command, evalDir, seconds);
    for (String file : data.missing()) {
      md.append("- **Skipped, not found:** `").append(file).append("`\n");
    }
    if (!data.missing().isEmpty()) {
      md.append("\n");
    }
    crossSource(md, heads, turnInput, guardsGivenVector, embedCustomers);
    summary(md, injectionSection, toolSection, piiSection, toxicitySection, latency);
    md.append(body);
    md.append("## 6. Latency per call\n\n")
        .append("Single thread, after three warm-up passes over the same texts; wall-clock")
        .append(" `System.nanoTime()` around each call, five timed passes, each text's time is its")
        .append(" median over the five. Measured, not asserted anywhere. The")
        .append(" machine is shared with other builds (see the load average above), so tails are")
        .append(" noisy. Customer messages are short; answers and tool outputs include whole")
        .append(" StackFAQ threads of up to 13,000 characters, so for those the last column (cost")
        .append(
            " per 1,000 characters, texts under 1,000 counted as 1,000) says more than p99.\n\n")
        .append("| detector | texts | n | p50 µs | p99 µs | max µs | longest text (chars) |")
        .append(" p99 µs per 1,000 chars |\n|---|---|---|---|---|---|---|---|\n");
    for (Object[] r : latency) {
      md.append("| ")
          .append(r[0])
          .append(" | ")
          .append(r[1])
          .append(" | ")
          .append(((Latency.Result) r[2]).cells())
          .append(" |\n");
    }
    md.append("\n");
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, md.toString(), StandardCharsets.UTF_8);
    System.out.printf(Locale.ROOT, "wrote %s in %.0f s%n", output, seconds);
  }

  private static Object[] row(String name, String texts, Latency.Result result) {
    return new Object[] {name, texts, result};
  }

  private static void header(StringBuilder md, String command, Path evalDir, double seconds) {
    md.append("# Guard evaluation\n\n")
        .append("Generated by `")
        .append(command)
        .append("` on ")
        .append(LocalDate.now())
        .append(" in ")
        .append(String.format(Locale.ROOT, "%.0f", seconds))
        .append(" s. Data: `")
        .append(evalDir)
        .append("` (public sets described in its README; read at run time,")
        .append(" never copied). Machine: ")
        .append(Machine.describe())
        .append(".\n\n")
        .append("**Splits.** Every set is split in two by a CRC-32 of each text (`Split`): the")
        .append(" DEV half is the only one whose errors were looked at while writing rules and")
        .append(" choosing thresholds (`GuardErrors` prints DEV errors only); the HELD-OUT half")
        .append(" was not looked at. The toxicity model trains on Davidson folds 1-4 and is")
        .append(" evaluated on fold 0 (section 4). BIPIA comes with its own train/test split with")
        .append(" disjoint categories; only train was used for tuning. Injection and PII")
        .append(" detectors are rules (`src/main/resources/guard/*-rules.txt`, `PiiRedactor`),")
        .append(" written from the known attack families and PII formats, not from evaluation")
        .append(" strings. **Not blind:** before the split was fixed, a first look at the data")
        .append(" printed every valid.json and giskard prompt, small samples of NotInject,")
        .append(" wildguard and presidio values, and two payloads per BIPIA category, test")
        .append(" included; valid.json also contains BIPIA-derived payloads. Words that occurred")
        .append(" only in BIPIA's test categories or in HELD-OUT items (caesar, emoji, invert,")
        .append(" lottery, winnings, newsletter, teaser, fernet, pyautogui, elucidation, and")
        .append(" pyperclip, imagegrab, getpass, ransom, prize, deals, exclusive, statistic) were")
        .append(" dropped from the rules and the figures re-measured; generic jailbreak vocabulary")
        .append(" that also occurs there (jailbroken, rogue, immoral, …) stays. So the rules'")
        .append(" HELD-OUT and BIPIA-test figures are the better estimate, not a blind one; the")
        .append(" cross-source figures of the model-backed heads (section 1b) are the ones that")
        .append(" predict production.\n\n");
  }

  /** The figures that predict production: every one measured on a source the head never saw. */
  private static void crossSource(
      StringBuilder md,
      HeadSection heads,
      Latency.Result turnInput,
      Latency.Result guards,
      Latency.Result embed) {
    md.append("## Cross-source figures against the targets\n\n")
        .append("Rules OR head, each head retrained without the source it is scored on (section")
        .append(" 1b). These are the figures the README quotes.\n\n")
        .append("| metric | target | measured | met |\n|---|---|---|---|\n");
    double recall = heads.crossAttacks.eitherRate();
    double alarms = heads.crossCustomers.eitherRate();
    target(
        md,
        "injection recall, attacks from a source left out (giskard + BIPIA + valid.json)",
        ">= 0.85",
        Tally.ratio(recall)
            + " ("
            + heads.crossAttacks.either
            + "/"
            + heads.crossAttacks.n
            + "; rules alone "
            + Tally.ratio(heads.crossAttacks.rules / (double) Math.max(1, heads.crossAttacks.n))
            + ")",
        recall >= 0.85);
    target(
        md,
        "false alarms, customer questions from a source left out (banking77 + CLINC150)",
        "<= 0.2 %",
        Tally.pct(heads.crossCustomers.either, heads.crossCustomers.n),
        alarms <= 0.002);
    if (heads.toxicityHeadWithoutDavidson != null) {
      target(
          md,
          "toxicity F1, cross-source: the head trained without any tweet (our own texts), tested"
              + " on Davidson fold 0 (the only second toxic source is ours)",
          ">= 0.80",
          heads.toxicityHeadWithoutDavidson.f1WithPrecisionRecall(),
          heads.toxicityHeadWithoutDavidson.f1() >= 0.80);
      target(
          md,
          "toxicity F1, cross-source: abuse patterns OR that head (neither trained on tweets),"
              + " tested on Davidson fold 0",
          ">= 0.80",
          heads.toxicityWithoutTweets.f1WithPrecisionRecall(),
          heads.toxicityWithoutTweets.f1() >= 0.80);
    }
    target(
        md,
        "toxicity F1, Davidson fold 0, rules OR head (same source, not cross-source: the rules'"
            + " word model learnt from Davidson folds 1-4)",
        "–",
        heads.toxicityCombinedHeld.f1WithPrecisionRecall(),
        true);
    target(
        md,
        "toxicity false alarms, customer questions from a source left out",
        "–",
        Tally.pct(heads.toxicityCrossCustomers.either, heads.toxicityCrossCustomers.n),
        true);
    target(
        md,
        "p99 per message, all input guards with the embedding (embed + rules + heads)",
        "<= 10 ms",
        String.format(
            Locale.ROOT,
            "%.2f ms (p50 %.2f ms; embedding customer questions alone p99 %.2f ms)",
            turnInput.p99Micros() / 1000,
            turnInput.p50Micros() / 1000,
            embed.p99Micros() / 1000),
        turnInput.p99Micros() <= 10_000);
    target(
        md,
        "p99 per message, all input guards given the turn's vector (rules + heads, no embedding)",
        "<= 10 ms",
        String.format(Locale.ROOT, "%.3f ms", guards.p99Micros() / 1000),
        guards.p99Micros() <= 10_000);
    if (heads.toxicityCheckCombined != null) {
      target(
          md,
          "toxicity F1, our hand-authored out-of-domain check set (NOT independent, never trained on)",
          "–",
          heads.toxicityCheckCombined.f1WithPrecisionRecall(),
          true);
    }
    md.append("\n");
  }

  private static void summary(
      StringBuilder md,
      InjectionSection injection,
      ToolOutputSection tool,
      PiiSection pii,
      ToxicitySection toxicity,
      List<Object[]> latency) {
    md.append("## Summary against the targets\n\n| metric | target | measured | met |\n")
        .append("|---|---|---|---|\n");
    target(
        md,
        "injection recall, direct attacks (valid.json + giskard), all / HELD-OUT",
        ">= 0.90",
        Tally.ratio(injection.directAttacks.rate())
            + " / "
            + Tally.ratio(injection.directAttacks.heldRate()),
        injection.directAttacks.rate() >= 0.90);
    target(
        md,
        "injection recall, BIPIA payloads sent as customer messages",
        ">= 0.90",
        Tally.ratio(injection.bipiaAttacks.rate()),
        injection.bipiaAttacks.rate() >= 0.90);
    target(
        md,
        "indirect injection removed from articles, BIPIA test split",
        ">= 0.90",
        Tally.ratio(tool.removedTest.rate()),
        tool.removedTest.rate() >= 0.90);
    target(
        md,
        "false positives, customer questions (banking77 + CLINC150)",
        "<= 2 %",
        Tally.pct(injection.customers.hits, injection.customers.all),
        injection.customers.rate() <= 0.02);
    target(
        md,
        "false positives, NotInject",
        "<= 10 %",
        Tally.pct(injection.notInject.hits, injection.notInject.all),
        injection.notInject.rate() <= 0.10);
    target(
        md,
        "false positives, wildguard (reported, no target)",
        "–",
        Tally.pct(injection.wildguard.hits, injection.wildguard.all),
        true);
    target(
        md,
        "tool-output guard, clean articles + StackFAQ altered",
        "–",
        Tally.pct(tool.cleanAltered.hits, tool.cleanAltered.all),
        true);
    target(
        md,
        "tool-output guard, StackFAQ HELD-OUT threads altered",
        "< 2 %",
        Tally.pct(tool.faqAltered.heldHits, tool.faqAltered.held),
        tool.faqAltered.heldRate() < 0.02);
    for (String type :
        List.of(
            "CREDIT_CARD", "EMAIL_ADDRESS", "IBAN_CODE", "IP_ADDRESS", "PHONE_NUMBER", "US_SSN")) {
      PiiScore.Counts c = pii.all.counts(type);
      target(
          md,
          "PII " + type + " precision / recall",
          ">= 0.95 / >= 0.95",
          Tally.ratio(c.precision()) + " / " + Tally.ratio(c.recall()),
          c.precision() >= 0.95 && c.recall() >= 0.95);
    }
    target(
        md,
        "toxicity F1, Davidson held-out fold (P / R / F1)",
        "F1 >= 0.85",
        Tally.ratio(toxicity.heldPrecision)
            + " / "
            + Tally.ratio(toxicity.heldRecall)
            + " / "
            + Tally.ratio(toxicity.heldF1),
        toxicity.heldF1 >= 0.85);
    target(
        md,
        "toxicity false positives, unseen customer questions",
        "–",
        Tally.pct(toxicity.customersUnseen.hits, toxicity.customersUnseen.all),
        true);
    for (Object[] r : latency) {
      Latency.Result l = (Latency.Result) r[2];
      target(
          md,
          "p99 latency " + r[0],
          "<= 1000 µs",
          String.format(Locale.ROOT, "%.0f µs", l.p99Micros()),
          l.p99Micros() <= 1000);
    }
    md.append("\n");
  }

  private static void target(
      StringBuilder md, String metric, String target, String measured, boolean met) {
    if (measured.startsWith("–") || measured.contains("NaN")) {
      // every set behind the figure is missing (skipped with a note above): nothing to judge
      measured = "not measured: its sets are missing";
      target = target.equals("–") ? target : target + " (not judged)";
      met = true;
    }
    md.append("| ")
        .append(metric)
        .append(" | ")
        .append(target)
        .append(" | ")
        .append(measured)
        .append(" | ")
        .append(
            target.startsWith("–") || target.endsWith("(not judged)")
                ? "–"
                : met ? "yes" : "**no**")
        .append(" |\n");
  }
}
