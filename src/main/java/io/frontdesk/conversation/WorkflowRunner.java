package io.frontdesk.conversation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import io.frontdesk.agent.WorkflowConfig;
import io.frontdesk.agent.WorkflowStepAgent;
import io.frontdesk.model.ModelCalls;
import io.frontdesk.turn.RunningTurn;
import io.frontdesk.turn.TurnEvent;
import io.frontdesk.turn.TurnOutcome;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a configured workflow inside a turn: each step is its own agent invocation with its own
 * memory, each step's output is the next step's input, a {@code workflow_step} event follows every
 * step, and the last step's output is the answer.
 */
@ApplicationScoped
public class WorkflowRunner {

  private final WorkflowConfig config;
  private final WorkflowStepAgent agent;
  private final ModelCalls modelCalls;

  WorkflowRunner(WorkflowConfig config, WorkflowStepAgent agent, ModelCalls modelCalls) {
    this.config = config;
    this.agent = agent;
    this.modelCalls = modelCalls;
  }

  Multi<TurnEvent> run(TurnContext turn, String workflow, String message, TurnProgress progress) {
    WorkflowConfig.Workflow definition = config.cases().get(workflow);
    if (definition == null || definition.steps().isEmpty()) {
      progress.end(
          new TurnOutcome.Failed(new IllegalStateException("no workflow named " + workflow)));
      return Multi.createFrom().empty();
    }
    progress.text.silence(false);
    return step(turn, workflow, definition.steps(), 0, message, message, progress);
  }

  private Multi<TurnEvent> step(
      TurnContext turn,
      String workflow,
      List<WorkflowConfig.Step> steps,
      int index,
      String message,
      String input,
      TurnProgress progress) {
    WorkflowConfig.Step step = steps.get(index);
    AtomicReference<String> output = new AtomicReference<>("");
    Multi<TurnEvent> work = agentCall(turn, workflow, steps, index, input, output, progress.usage);
    Multi<TurnEvent> next =
        Multi.createFrom()
            .deferred(
                () -> {
                  String out = output.get();
                  TurnEvent finished =
                      new TurnEvent.WorkflowStep(workflow, step.name(), index + 1, out);
                  if (index + 1 < steps.size()) {
                    return Multi.createBy()
                        .concatenating()
                        .streams(
                            Multi.createFrom().item(finished),
                            step(
                                turn,
                                workflow,
                                steps,
                                index + 1,
                                message,
                                nextInput(message, step, out),
                                progress));
                  }
                  turn.memory().add(AiMessage.from(out));
                  List<TurnEvent> last = new ArrayList<>();
                  last.add(finished);
                  last.addAll(progress.whole(out));
                  return Multi.createFrom().iterable(last);
                });
    return Multi.createBy().concatenating().streams(work, next);
  }

  /** Step {@code index}'s agent call, its tool events, and its final text into {@code output}. */
  private Multi<TurnEvent> agentCall(
      TurnContext turn,
      String workflow,
      List<WorkflowConfig.Step> steps,
      int index,
      String input,
      AtomicReference<String> output,
      ModelUsage usage) {
    WorkflowConfig.Step step = steps.get(index);
    RunningTurn scope = turn.scoped(workflow + "/" + step.name());
    return modelCalls
        .closing(
            () ->
                agent.run(
                    scope,
                    workflow,
                    index + 1,
                    steps.size(),
                    step.name(),
                    step.instructions(),
                    input))
        .onItem()
        .transformToIterable(
            event -> {
              if (event instanceof ChatEvent.ChatCompletedEvent done) {
                // an estimate, when the provider reports none, from the step's own prompt
                usage.completed(
                    done.getChatResponse(),
                    () -> List.of(UserMessage.from(step.instructions()), UserMessage.from(input)));
                String text = done.getChatResponse().aiMessage().text();
                output.set(text == null ? "" : text.strip());
              }
              return ToolEvents.of(event);
            });
  }

  private static String nextInput(String message, WorkflowConfig.Step previous, String output) {
    return "Customer's message: "
        + message
        + "\n\nOutput of the previous step ("
        + previous.name()
        + "):\n"
        + output;
  }
}
