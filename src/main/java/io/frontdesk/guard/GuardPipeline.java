package io.frontdesk.guard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The three guard stages of a turn, as configured: input guards on a customer message (size,
 * injection, toxicity and frustration: refused when aimed at people, answered with care when aimed
 * at the situation, {@link GuardCheck#care()}), output guards on an answer (system-prompt leak,
 * PII) and the tool-output guard on what tools return. Every verdict is counted in {@code
 * frontdesk.guard.verdicts} (tags: guard, outcome, action). Pure and thread-safe.
 */
@ApplicationScoped
public class GuardPipeline {

  static final String METRIC = "frontdesk.guard.verdicts";
  static final String PROMPT_REMOVED = "[removed]";
  static final String SIZE = "size";

  private final GuardConfig config;
  private final InjectionDetector injection;
  private final ToxicityDetector toxicity;
  private final PiiRedactor pii;
  private final PromptLeakDetector promptLeak;
  private final ToolOutputGuard toolOutput;
  private final MeterRegistry metrics;
  private final EmbeddingHeads heads;

  /** Rules only (no model-backed heads), for tests and evaluations of the rules. */
  public GuardPipeline(
      GuardConfig config,
      InjectionDetector injection,
      ToxicityDetector toxicity,
      PiiRedactor pii,
      PromptLeakDetector promptLeak,
      ToolOutputGuard toolOutput,
      MeterRegistry metrics) {
    this(config, injection, toxicity, pii, promptLeak, toolOutput, metrics, EmbeddingHeads.none());
  }

  @jakarta.inject.Inject
  public GuardPipeline(
      GuardConfig config,
      InjectionDetector injection,
      ToxicityDetector toxicity,
      PiiRedactor pii,
      PromptLeakDetector promptLeak,
      ToolOutputGuard toolOutput,
      MeterRegistry metrics,
      EmbeddingHeads heads) {
    this.heads = heads;
    this.config = config;
    this.injection = injection;
    this.toxicity = toxicity;
    this.pii = pii;
    this.promptLeak = promptLeak;
    this.toolOutput = toolOutput;
    this.metrics = metrics;
  }

  /** The same pipeline with other model-backed heads (evaluations, tests). */
  public GuardPipeline withHeads(EmbeddingHeads other) {
    return new GuardPipeline(
        config, injection, toxicity, pii, promptLeak, toolOutput, metrics, other);
  }

  /** What a customer is told when their message is blocked. */
  public String refusal() {
    return config.refusal();
  }

  /** Blocked messages in one conversation after which it goes to a human. */
  public int escalateAfterBlocks() {
    return config.escalateAfterBlocks();
  }

  /** Input stage on the rules alone (no vector: the model-backed heads do not run). */
  public GuardCheck checkInput(String message) {
    return checkInput(message, null);
  }

  /**
   * Input stage: a blocked message gets the refusal and never reaches the model. The rules and,
   * given the message's embedding ({@code vector}, null when it failed), the model-backed heads
   * each give their own verdict ({@code injection} / {@code injection_model}, {@code toxicity} /
   * {@code toxicity_model}), so either may block and the events say which fired.
   */
  public GuardCheck checkInput(String message, float[] vector) {
    List<GuardVerdict> verdicts = new ArrayList<>();
    String text = message;
    if (config.enabled() && config.size().enabled()) {
      GuardVerdict size = size(text);
      verdicts.add(count(size));
      text = size.text();
      if (size.blocks()) {
        // an oversized text is not worth scanning, and scanning it costs the most
        return new GuardCheck(true, text, verdicts);
      }
    }
    if (config.enabled() && config.injection().enabled()) {
      GuardConfig.Injection c = config.injection();
      Detection rules = injection.scan(text);
      verdicts.add(count(verdict(InjectionDetector.GUARD, rules, c.threshold(), c.action(), text)));
      if (c.model()) {
        head(EmbeddingHeads.INJECTION_GUARD, heads.injection(), vector, rules, c.action(), text)
            .ifPresent(v -> verdicts.add(count(v)));
      }
    }
    if (config.enabled() && config.toxicity().enabled()) {
      GuardConfig.Toxicity c = config.toxicity();
      Detection rules = toxicity.scan(text);
      // the head is scored once: its verdict, and the confirmation a word-model-only verdict needs
      java.util.Optional<GuardVerdict> model =
          c.model()
              ? head(
                  EmbeddingHeads.TOXICITY_GUARD, heads.toxicity(), vector, rules, c.action(), text)
              : java.util.Optional.empty();
      ToxicityStage.verdicts(c, rules, model, text).forEach(v -> verdicts.add(count(v)));
    }
    return finish(text, verdicts);
  }

  /**
   * Output stage on an answer to the customer: a leak of {@code systemPrompt} (the prompt of the
   * agent that answered; null skips the check), then PII redaction.
   */
  public GuardCheck checkOutput(String answer, String systemPrompt) {
    return checkOutput(answer, systemPrompt, java.util.Set.of());
  }

  /**
   * As {@link #checkOutput(String, String)} for an answer to one customer: their own contact
   * details ({@code readerContacts}, e.g. their e-mail) and the company's are not redacted; anyone
   * else's are.
   */
  public GuardCheck checkOutput(String answer, String systemPrompt, Set<String> readerContacts) {
    List<GuardVerdict> verdicts = new ArrayList<>();
    String text = answer;
    if (config.enabled() && config.promptLeak().enabled()) {
      GuardConfig.PromptLeak c = config.promptLeak();
      Detection d = promptLeak.scan(text, systemPrompt);
      GuardVerdict leak = verdict(PromptLeakDetector.GUARD, d, c.threshold(), c.action(), text);
      if (leak.triggered() && c.action() == GuardAction.REDACT) {
        List<GuardFinding> runs =
            leak.findings().stream().filter(f -> f.score() >= c.threshold()).toList();
        leak = withText(leak, replace(text, runs, PROMPT_REMOVED));
      }
      verdicts.add(count(leak));
      text = leak.text();
    }
    if (config.enabled() && config.pii().enabled()) {
      GuardConfig.Pii c = config.pii();
      PiiRedactor.Redaction r = pii.redact(text, c.threshold(), allowed(readerContacts));
      double score = r.findings().stream().mapToDouble(GuardFinding::score).max().orElse(0);
      boolean triggered = !r.findings().isEmpty();
      String out = triggered && c.action() == GuardAction.REDACT ? r.text() : text;
      verdicts.add(
          count(
              new GuardVerdict(
                  PiiRedactor.GUARD, triggered, score, c.action(), r.findings(), out)));
      text = out;
    }
    return finish(text, verdicts);
  }

  /**
   * Streaming an answer: where {@code text} (ending with a whole word) may be cut so that no word
   * sent before the cut can become part of a prompt leak, however the answer goes on. The end of
   * the text when the leak guard is off.
   */
  public int leakSafeEnd(String text, String systemPrompt) {
    if (!config.enabled() || !config.promptLeak().enabled()) {
      return text.length();
    }
    return promptLeak.heldFrom(text, systemPrompt);
  }

  /**
   * Streaming an answer: whether {@code text} already repeats enough of the prompt for the output
   * stage to block the answer (not counted: the check that blocks is).
   */
  public boolean leakBlocks(String text, String systemPrompt) {
    if (!config.enabled()
        || !config.promptLeak().enabled()
        || config.promptLeak().action() != GuardAction.BLOCK) {
      return false;
    }
    return promptLeak.scan(text, systemPrompt).score() >= config.promptLeak().threshold();
  }

  /**
   * Streaming an answer: the personal data the output stage would act on in {@code text}, in text
   * order, so that a cut never falls inside one (none when the guard is off).
   */
  public List<GuardFinding> personalData(String text) {
    return personalData(text, Set.of());
  }

  /** As {@link #personalData(String)}, without the reader's own and the company's contacts. */
  public List<GuardFinding> personalData(String text, Set<String> readerContacts) {
    if (!config.enabled() || !config.pii().enabled()) {
      return List.of();
    }
    double threshold = config.pii().threshold();
    Set<String> allowed = allowed(readerContacts);
    return pii.find(text).stream()
        .filter(f -> f.score() >= threshold && !PiiRedactor.allowed(text, f, allowed))
        .toList();
  }

  private Set<String> allowed(Set<String> readerContacts) {
    Set<String> allowed = new java.util.HashSet<>();
    config.pii().companyContacts().forEach(c -> allowed.add(PiiRedactor.contactKey(c)));
    readerContacts.forEach(c -> allowed.add(PiiRedactor.contactKey(c)));
    return allowed;
  }

  /** Tool-output stage: injected instructions are neutralised before the model sees them. */
  public GuardCheck checkToolOutput(String result) {
    if (!config.enabled() || !config.toolOutput().enabled()) {
      return new GuardCheck(false, result, List.of());
    }
    GuardConfig.ToolOutput c = config.toolOutput();
    ToolOutputGuard.Screened s = toolOutput.neutralise(result, c.threshold());
    boolean triggered = !s.findings().isEmpty();
    String out = triggered && c.action() == GuardAction.REDACT ? s.text() : result;
    GuardVerdict v =
        count(
            new GuardVerdict(
                ToolOutputGuard.GUARD, triggered, s.score(), c.action(), s.findings(), out));
    return finish(out, List.of(v));
  }

  /**
   * The head's verdict; {@code rules} is the same guard's rule detection, whose weak cues lower the
   * head's bar (finding category {@code model+rules}; {@code model} when the head alone sufficed).
   */
  private static java.util.Optional<GuardVerdict> head(
      String guard,
      EmbeddingHead head,
      float[] vector,
      Detection rules,
      GuardAction action,
      String text) {
    if (head == null || vector == null || vector.length != head.dimensions()) {
      // no vector (the embedder failed) or another embedding model: the rules decide alone
      return java.util.Optional.empty();
    }
    double p = head.score(vector, rules.score());
    boolean triggered = head.triggers(p, rules.score());
    String category = p >= head.threshold() ? "model" : "model+rules";
    List<GuardFinding> findings =
        triggered ? List.of(new GuardFinding(guard, category, p, 0, text.length())) : List.of();
    return java.util.Optional.of(new GuardVerdict(guard, triggered, p, action, findings, text));
  }

  private GuardVerdict size(String text) {
    GuardConfig.Size c = config.size();
    if (text.length() <= c.maxChars()) {
      return new GuardVerdict(SIZE, false, 0, c.action(), List.of(), text);
    }
    List<GuardFinding> findings =
        List.of(new GuardFinding(SIZE, "too_long", 1.0, c.maxChars(), text.length()));
    String out = c.action() == GuardAction.REDACT ? text.substring(0, c.maxChars()) : text;
    return new GuardVerdict(SIZE, true, 1.0, c.action(), findings, out);
  }

  private static GuardVerdict verdict(
      String guard, Detection d, double threshold, GuardAction action, String text) {
    return new GuardVerdict(guard, d.score() >= threshold, d.score(), action, d.findings(), text);
  }

  private static GuardVerdict withText(GuardVerdict v, String text) {
    return new GuardVerdict(v.guard(), v.triggered(), v.score(), v.action(), v.findings(), text);
  }

  private static String replace(String text, List<GuardFinding> spans, String marker) {
    StringBuilder out = new StringBuilder(text.length());
    int cursor = 0;
    for (GuardFinding f : spans) {
      if (f.start() >= cursor) {
        out.append(text, cursor, f.start()).append(marker);
        cursor = f.end();
      }
    }
    return out.append(text, cursor, text.length()).toString();
  }

  private static GuardCheck finish(String text, List<GuardVerdict> verdicts) {
    boolean blocked = verdicts.stream().anyMatch(GuardVerdict::blocks);
    return new GuardCheck(blocked, text, verdicts);
  }

  private GuardVerdict count(GuardVerdict v) {
    Counter.builder(METRIC)
        .description("Guard verdicts by guard, outcome and configured action")
        .tag("guard", v.guard())
        .tag("outcome", v.triggered() ? "triggered" : "passed")
        .tag("action", v.action().name().toLowerCase(java.util.Locale.ROOT))
        .register(metrics)
        .increment();
    return v;
  }
}
