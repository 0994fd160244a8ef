package io.frontdesk.conversation;

import dev.langchain4j.data.message.AiMessage;
import io.frontdesk.agent.AgentCatalog;
import io.frontdesk.agent.AgentConfig;
import io.frontdesk.agent.HandoffTools;
import io.frontdesk.agent.routing.RouteDecision;
import io.frontdesk.agent.routing.RoutePlanner;
import io.frontdesk.language.CustomerLanguage;
import io.frontdesk.language.Notice;
import io.frontdesk.language.Notices;
import io.frontdesk.model.ModelCalls;
import io.frontdesk.model.ModelUnavailable;
import io.frontdesk.turn.ApprovalPending;
import io.frontdesk.turn.EscalationReason;
import io.frontdesk.turn.Handoff;
import io.frontdesk.turn.HumanRequested;
import io.frontdesk.turn.TurnControl;
import io.frontdesk.turn.TurnEvent;
import io.frontdesk.turn.TurnOutcome;
import io.frontdesk.turn.TurnStopped;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The turn's running: the router's step, then the active agent with the gated tools, handing off to
 * other agents and workflows, falling back to the offline model when the endpoint cannot answer,
 * and stopping where a call waits for a person's approval. What a tool's {@link TurnControl} means
 * for the turn is decided here, in {@link #controlled}.
 */
@ApplicationScoped
class AgentRunner {

  private final AgentCatalog catalog;
  private final RoutePlanner planner;
  private final WorkflowRunner workflows;
  private final ModelCalls modelCalls;
  private final AgentConfig agentConfig;

  /** The one language the offline model's answers and readers are written for. */
  private static final String OFFLINE_READS = "en";

  AgentRunner(
      AgentCatalog catalog,
      RoutePlanner planner,
      WorkflowRunner workflows,
      ModelCalls modelCalls,
      AgentConfig agentConfig) {
    this.catalog = catalog;
    this.planner = planner;
    this.workflows = workflows;
    this.modelCalls = modelCalls;
    this.agentConfig = agentConfig;
  }

  /**
   * The router's step: a person for a customer who asks for one (no model call), its own reply to
   * smalltalk, straight to the specialist when it is sure (no triage call), else the active agent.
   */
  Multi<TurnEvent> run(TurnContext turn, String message, TurnProgress progress) {
    return switch (planner.decide(turn.route(), turn.agent())) {
      case RouteDecision.Human human -> {
        progress.end(new TurnOutcome.CustomerAsked());
        yield Multi.createFrom().empty();
      }
      case RouteDecision.Reply reply when !OFFLINE_READS.equals(turn.language()) ->
          // the router's replies are English: an agent answers another language (or a person)
          runAgent(turn, message, progress);
      case RouteDecision.Reply reply -> {
        progress.routerConfidence(reply.confidence());
        turn.memory().add(AiMessage.from(reply.text()));
        yield Multi.createFrom().iterable(progress.whole(reply.text()));
      }
      case RouteDecision.HandOff handoff ->
          handOff(turn, message, progress, null, handoff.target(), "router");
      case RouteDecision.Agent agent -> runAgent(turn, message, progress);
    };
  }

  /**
   * The active agent works on the message; a handoff continues the same turn with the target agent
   * and the whole memory, and a router that answers instead of routing hands to the fallback agent.
   * Without a model endpoint the offline agent answers in the active agent's name.
   */
  private Multi<TurnEvent> runAgent(TurnContext turn, String message, TurnProgress progress) {
    AgentCatalog.Entry agent =
        turn.modelFailure() != null
            ? catalog.offline(turn.agent())
            : catalog.answering(turn.agent());
    if (!AgentCatalog.callsModel(agent) && !readableOffline(turn)) {
      // the offline model reads English only: a person answers rather than an English guess
      unreadable(turn, message);
      return Multi.createFrom().empty();
    }
    progress.text.silence(agent.router());
    boolean model = AgentCatalog.callsModel(agent);
    return chat(turn, agent, message)
        .onItem()
        .invoke(
            event -> {
              if (model && event instanceof ChatEvent.ChatCompletedEvent done) {
                progress.usage.completed(done.getChatResponse(), turn.memory()::messages);
              }
            })
        .onItem()
        .transformToIterable(event -> translate(turn, progress, event))
        .onCompletion()
        .switchTo(
            () ->
                agent.router()
                    ? handOff(
                        turn,
                        message,
                        progress,
                        null,
                        catalog.fallback(),
                        "triage could not place the question")
                    : Multi.createFrom().empty())
        .onFailure()
        .recoverWithMulti(failure -> controlled(turn, message, progress, failure));
  }

  /**
   * The one place a failure of the agent's stream becomes the turn's course: a tool's {@link
   * TurnControl} (approval pending, handoff, a person asked for) or the model endpoint's absence. A
   * stopped turn and any other failure go on to the engine, which ends the turn with them.
   */
  private Multi<TurnEvent> controlled(
      TurnContext turn, String message, TurnProgress progress, Throwable failure) {
    if (failure instanceof ModelUnavailable unavailable) {
      return withoutModel(turn, message, progress, unavailable);
    }
    return switch (TurnControl.in(failure).orElse(null)) {
      case ApprovalPending pending -> {
        awaitApproval(turn, progress, pending);
        yield Multi.createFrom().empty();
      }
      case Handoff handoff ->
          handOff(turn, message, progress, handoff, handoff.target(), handoff.reason());
      case HumanRequested human -> {
        progress.end(new TurnOutcome.AgentEscalated(human.summary()));
        yield Multi.createFrom().iterable(progress.withdraw());
      }
      case TurnStopped stopped -> Multi.createFrom().failure(failure);
      case null -> Multi.createFrom().failure(failure);
    };
  }

  /** Whether the offline model can answer this turn: English, or Frontdesk's own note. */
  private static boolean readableOffline(TurnContext turn) {
    return OFFLINE_READS.equals(turn.language()) || turn.systemNote();
  }

  /**
   * A message the offline model cannot read goes to a person, with its language on the ticket; the
   * customer is told so in their language, before the ticket's notice.
   */
  private static void unreadable(TurnContext turn, String message) {
    String language = turn.language();
    String asked = message.length() > 200 ? message.substring(0, 200) + "…" : message;
    turn.handToHuman(
        EscalationReason.LANGUAGE_UNSUPPORTED,
        "Written in %s, which the offline model cannot read (no model endpoint): %s"
            .formatted(CustomerLanguage.name(language), asked),
        Notices.text(
            language, Notice.HANDOFF_LANGUAGE, CustomerLanguage.nameIn(language, language)));
  }

  /** The agent's stream; a model endpoint's is guarded (timeout, retries, circuit breaker). */
  private Multi<ChatEvent> chat(TurnContext turn, AgentCatalog.Entry agent, String message) {
    Supplier<Multi<ChatEvent>> call = () -> agent.agent().chat(turn, message);
    return AgentCatalog.callsModel(agent)
        ? modelCalls.call(agent.name(), () -> turn.memory().withdrawCustomerMessage(), call)
        : call.get();
  }

  /**
   * The model endpoint could not answer: the text it streamed of its broken answer is withdrawn,
   * and the offline model answers the rest of the turn in the agent's name (what it cannot resolve
   * becomes a ticket), unless the operator turned that off.
   */
  private Multi<TurnEvent> withoutModel(
      TurnContext turn, String message, TurnProgress progress, ModelUnavailable unavailable) {
    turn.modelUnavailable(unavailable.failure().kind().code());
    Multi<TurnEvent> withdrawn = Multi.createFrom().iterable(progress.withdraw());
    if (!modelCalls.fallsBackOffline()) {
      return Multi.createBy()
          .concatenating()
          .streams(withdrawn, Multi.createFrom().failure(unavailable));
    }
    turn.memory().withdrawCustomerMessage();
    return Multi.createBy().concatenating().streams(withdrawn, runAgent(turn, message, progress));
  }

  private Multi<TurnEvent> handOff(
      TurnContext turn,
      String message,
      TurnProgress progress,
      Handoff call,
      String target,
      String reason) {
    String from = turn.agent();
    if (turn.handoffs() >= agentConfig.maxHandoffs()) {
      progress.end(new TurnOutcome.HandoffLimit());
      return Multi.createFrom().empty();
    }
    if (call != null) {
      // every call of the transfer's message gets its result, so the next agent (and the provider)
      // sees a complete exchange; calls after the transfer never ran
      turn.memory()
          .answerOpenToolCalls(
              id ->
                  Objects.equals(id, call.callId())
                      ? "Transferred to " + target
                      : turn.resultOf(
                          id, "not run: the conversation was transferred to " + target + " first"));
    }
    turn.memory().withdrawCustomerMessage();
    turn.handOffTo(target);
    return Multi.createBy()
        .concatenating()
        .streams(
            Multi.createFrom().item(new TurnEvent.HandoffEvent(from, target, reason)),
            target.startsWith(HandoffTools.WORKFLOW)
                ? workflows.run(
                    turn, target.substring(HandoffTools.WORKFLOW.length()), message, progress)
                : runAgent(turn, message, progress));
  }

  /**
   * A call needs a human's approval: the turn ends here. Every call of the model's last message
   * gets a result in memory (the pending one says so; the others did not run), so the transcript
   * holds complete exchanges and the conversation can go on.
   */
  private static void awaitApproval(
      TurnContext turn, TurnProgress progress, ApprovalPending pending) {
    progress.end(new TurnOutcome.ApprovalAwaited(pending));
    turn.memory()
        .answerOpenToolCalls(
            id ->
                id.equals(pending.callId())
                    ? "{\"status\":\"pending_approval\",\"approval_id\":\"%s\",\"message\":\"A human colleague must approve this first; the customer has been told. Do not call it again.\"}"
                        .formatted(pending.approvalId())
                    : "{\"status\":\"not_run\",\"message\":\"The turn ended waiting for an approval; this call did not run.\"}");
  }

  private static List<TurnEvent> translate(
      TurnContext turn, TurnProgress progress, ChatEvent event) {
    return switch (event) {
      case ChatEvent.PartialResponseEvent p ->
          progress.answer(progress.text.accept(p.getChunk()), false);
      case ChatEvent.IntermediateResponseEvent i ->
          progress.answer(progress.text.endOfResponse(), true);
      case ChatEvent.ToolExecutedEvent t -> {
        List<TurnEvent> events = new ArrayList<>(turn.unsentGuardEvents());
        events.addAll(ToolEvents.of(t));
        yield events;
      }
      case ChatEvent.ChatCompletedEvent c -> {
        progress.finalAnswer(c.getChatResponse().aiMessage().text());
        yield progress.answer(progress.text.endOfResponse(), true);
      }
      default -> ToolEvents.of(event);
    };
  }
}
