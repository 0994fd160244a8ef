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
 * database end state and facts the answers must have, and what must not happen. {@code {name}}
 * placeholders are filled from the customer's own data at run time ({@link Placeholders}).
 */
public record Scenario(
    String id,
    String domain,
    String customer,
    String persona,
    String goal,
    String opening,
    Map<String, String> reveals,
    String closing,
    Expect expect,
    List<ScriptedReply> scripted) {

  public Scenario {
    reveals = reveals == null ? Map.of() : Map.copyOf(reveals);
    scripted = scripted == null ? List.of() : List.copyOf(scripted);
  }

  /**
   * The end state: whether the conversation ends with a ticket, the tools that must (and must not)
   * have run, refunds and pending approvals (order and amount; an empty list means none), and facts
   * every run's answers must contain (case-insensitive).
   */
  public record Expect(
      Boolean escalated,
      List<String> executed,
      List<String> notExecuted,
      List<Money> refunds,
      List<Money> approvals,
      List<String> accountActions,
      List<String> answerContains,
      Boolean blocked) {
    public Expect {
      executed = executed == null ? List.of() : executed;
      notExecuted = notExecuted == null ? List.of() : notExecuted;
      answerContains = answerContains == null ? List.of() : answerContains;
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
