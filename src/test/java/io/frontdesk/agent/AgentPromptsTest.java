package io.frontdesk.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.service.SystemMessage;
import io.frontdesk.turn.RunningTurn;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rules every answering agent shares are written once, not once per prompt. */
class AgentPromptsTest {

  private static final List<Class<?>> ANSWERING =
      List.of(SupportAgent.class, BillingAgent.class, GeneralAgent.class, TechnicalAgent.class);

  private static String prompt(Class<?> agent) throws NoSuchMethodException {
    SystemMessage message =
        agent.getMethod("chat", RunningTurn.class, String.class).getAnnotation(SystemMessage.class);
    return String.join(message.delimiter(), message.value());
  }

  /** The sentences of a prompt that carry a rule, found by what they mention. */
  private static String rule(String prompt, String mentions) {
    String flat = prompt.replaceAll("\\s+", " ");
    return List.of(flat.split("(?<=\\.) ")).stream()
        .filter(sentence -> sentence.contains(mentions))
        .collect(Collectors.joining(" "));
  }

  @Test
  void theEscalateInstructionAndTheIdentifiedRuleAreOneTextInEveryAnsweringAgent()
      throws Exception {
    for (String mentions : List.of("ESCALATE:", "already identified")) {
      Map<String, Long> variants =
          ANSWERING.stream()
              .map(
                  agent -> {
                    try {
                      return rule(prompt(agent), mentions);
                    } catch (NoSuchMethodException e) {
                      throw new AssertionError(e);
                    }
                  })
              .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
      assertEquals(1, variants.size(), "one wording of the '" + mentions + "' rule: " + variants);
      assertTrue(variants.keySet().iterator().next().contains(mentions));
    }
  }
}
