package io.frontdesk.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One τ-bench-style scenario (a YAML file under {@code src/bench/resources/scenarios}): who the
 * customer is, what they open with, their goal and persona, what they reveal when asked, the
 * follow-ups they send whatever the answer ({@code turns}), the database end state and facts the
 * answers must have, and what must not happen. {@code {name}} placeholders are filled from the
 * customer's own data at run time ({@link Placeholders}); {@code setup} names fixtures added to
 * that data first ({@link Fixtures}); {@code language} is the customer's (en unless told).
 */
public record Scenario(
    String id,
    String domain,
    String customer,
    String persona,
    String goal,
    String opening,
    Map<String, String> reveals,
    List<Step> turns,
    String closing,
    List<String> setup,
    String language,
    Expect expect,
    List<ScriptedReply> scripted) {

  public Scenario {
    reveals = reveals == null ? Map.of() : Map.copyOf(reveals);
    turns = turns == null ? List.of() : List.copyOf(turns);
    setup = setup == null ? List.of() : List.copyOf(setup);
    language = language == null ? "en" : language;
    scripted = scripted == null ? List.of() : List.copyOf(scripted);
  }

  /** A scenario of one message and nothing else (tests). */
  public Scenario(
      String id,
      String domain,
      String customer,
      String opening,
      Expect expect,
      List<ScriptedReply> scripted) {
    this(id, domain, customer, "p", "g", opening, null, null, null, null, null, expect, scripted);
  }

  /**
   * A follow-up the customer sends after the previous answer (after anything it asked them to
   * reveal), and what the answer to it must (not) say: {@code answer_starts} is its first words.
   */
  public record Step(
      String say, List<String> answerContains, List<String> answerExcludes, String answerStarts) {
    public Step {
      answerContains = answerContains == null ? List.of() : answerContains;
      answerExcludes = answerExcludes == null ? List.of() : answerExcludes;
    }
  }

  /** Whether the customer writes more than once: follow-ups, reveals or a closing. */
  public boolean multiTurn() {
    return !turns.isEmpty() || !reveals.isEmpty() || closing != null;
  }

  /** Whether the customer writes (at some point) in a language other than English. */
  public boolean otherLanguage() {
    return !language.equals("en");
  }

  /**
   * The scenario as judged in a mode: offline (the English-only offline model) its {@code
   * expect.offline} overrides apply, e.g. a French message goes to a person there.
   */
  public Scenario forMode(boolean offline) {
    if (!offline || expect.offline() == null) {
      return this;
    }
    return new Scenario(
        id,
        domain,
        customer,
        persona,
        goal,
        opening,
        reveals,
        turns,
        closing,
        setup,
        language,
        expect.with(expect.offline()),
        scripted);
  }

  /**
   * The end state: whether the conversation ends with a ticket, the tools that must (and must not)
   * have run, refunds and pending approvals (order and amount; an empty list means none), facts
   * every run's answers must contain and must not contain (case-insensitive), how the first answer
   * starts, the calls asked for ("restart_service svc_0012": run or awaiting approval, by the
   * service, order or invoice they were about), and overrides for the offline model.
   */
  public record Expect(
      Boolean escalated,
      List<String> executed,
      List<String> notExecuted,
      List<Money> refunds,
      List<Money> approvals,
      List<String> accountActions,
      List<String> answerContains,
      List<String> answerExcludes,
      String answerStarts,
      List<String> calls,
      Boolean blocked,
      Expect offline) {
    public Expect {
      executed = executed == null ? List.of() : executed;
      notExecuted = notExecuted == null ? List.of() : notExecuted;
      answerContains = answerContains == null ? List.of() : answerContains;
      answerExcludes = answerExcludes == null ? List.of() : answerExcludes;
      calls = calls == null ? List.of() : calls;
    }

    /** An expectation of whether a person takes over, and nothing else (tests). */
    public static Expect escalated(Boolean escalated) {
      return new Expect(
          escalated, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * These expectations with what {@code o} sets instead (its nulls and empty lists keep ours).
     */
    Expect with(Expect o) {
      return new Expect(
          o.escalated != null ? o.escalated : escalated,
          o.executed.isEmpty() ? executed : o.executed,
          o.notExecuted.isEmpty() ? notExecuted : o.notExecuted,
          o.refunds != null ? o.refunds : refunds,
          o.approvals != null ? o.approvals : approvals,
          o.accountActions != null ? o.accountActions : accountActions,
          o.answerContains.isEmpty() ? answerContains : o.answerContains,
          o.answerExcludes.isEmpty() ? answerExcludes : o.answerExcludes,
          o.answerStarts != null ? o.answerStarts : answerStarts,
          o.calls.isEmpty() ? calls : o.calls,
          o.blocked != null ? o.blocked : blocked,
          null);
    }
  }

  /** An order and an amount (strings, so that placeholders fit). */
  public record Money(String order, String amount) {}

  /** One reply of the scripted model: a tool call (tool + arguments) or a text. */
  public record ScriptedReply(String tool, Map<String, Object> arguments, String text) {}

  public static final List<String> DOMAINS =
      List.of("billing", "technical", "general", "escalation", "attacks");

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .setPropertyNamingStrategy(
              com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);

  public static Scenario read(Path file) {
    try {
      return YAML.readValue(file.toFile(), Scenario.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario " + file, e);
    }
  }

  /** Every scenario in a directory, by file name. */
  public static List<Scenario> all(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      List<Scenario> out = new ArrayList<>();
      files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> out.add(read(f)));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static final Path DIRECTORY = Path.of("src/bench/resources/scenarios");
}
