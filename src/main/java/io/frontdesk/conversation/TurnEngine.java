package io.frontdesk.conversation;

import io.frontdesk.agent.AgentConfig;
import io.frontdesk.agent.routing.RoutedMessage;
import io.frontdesk.agent.routing.Router;
import io.frontdesk.guard.GuardCheck;
import io.frontdesk.guard.GuardPipeline;
import io.frontdesk.guard.GuardVerdict;
import io.frontdesk.telemetry.TurnTracing;
import io.frontdesk.turn.StopReason;
import io.frontdesk.turn.TurnEvent;
import io.frontdesk.turn.TurnOutcome;
import io.frontdesk.turn.TurnStopped;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one customer message through the turn (DESIGN §1) and emits every step as a {@link
 * TurnEvent} on one stream: admission, the message understood once (router, input guards), the
 * opening ({@link TurnOpening}), the running ({@link AgentRunner}) within the turn's time, and the
 * ending ({@link TurnFinisher}) once the tools it started have settled.
 */
@ApplicationScoped
public class TurnEngine {

  private final TurnOpening opening;
  private final AgentRunner agents;
  private final TurnFinisher finisher;
  private final TurnRegistry turns;
  private final TurnAdmission admission;
  private final Router router;
  private final GuardPipeline guards;
  private final HumanRelay relay;
  private final Deadline deadline;
  private final AgentConfig agentConfig;
  private final TurnTracing tracing;

  TurnEngine(
      TurnOpening opening,
      AgentRunner agents,
      TurnFinisher finisher,
      TurnRegistry turns,
      TurnAdmission admission,
      Router router,
      GuardPipeline guards,
      HumanRelay relay,
      Deadline deadline,
      AgentConfig agentConfig,
      TurnTracing tracing) {
    this.opening = opening;
    this.agents = agents;
    this.finisher = finisher;
    this.turns = turns;
    this.admission = admission;
    this.router = router;
    this.guards = guards;
    this.relay = relay;
    this.deadline = deadline;
    this.agentConfig = agentConfig;
    this.tracing = tracing;
  }

  /**
   * The turn's events, from turn_started to done. It fails only if the turn could not open (not the
   * customer's conversation, another turn holds it, the database failed); once open it always ends
   * with done. Past the instance's cap on turns in flight it throws {@link
   * io.frontdesk.http.TooManyRequests} at once, before anything is stored.
   */
  public Multi<TurnEvent> run(TurnRequest request) {
    Runnable release = admission.admit(request);
    try {
      return start(request, release).onItem().transformToMulti(events -> events);
    } catch (RuntimeException e) {
      release.run();
      throw e;
    }
  }

  /**
   * Opens the turn — the customer's message stored and the conversation's lock taken, in one
   * transaction — and runs it; completes once it opened, with its events. An opened turn runs to
   * its end even when the client goes away (a closed stream, a cancelled request): what it did is
   * stored and the lock given back.
   */
  private Uni<Multi<TurnEvent>> start(TurnRequest request, Runnable release) {
    Span span = tracing.startTurn(request.channel());
    // a customer's message is embedded once (router, retrieval and guards share the vector); a
    // system note is Frontdesk's own and is not routed
    Uni<RoutedMessage> understood =
        request.system()
            ? Uni.createFrom().item(RoutedMessage.unknown())
            : router.understand(request.message());
    return understood
        .onFailure()
        .invoke(
            failure -> {
              release.run();
              tracing.refused(span, failure);
            })
        .chain(
            routed -> {
              // then the input guards (rules and the heads over that vector): a blocked message is
              // stored flagged and never reaches a model
              GuardCheck input =
                  request.system()
                      ? new GuardCheck(false, request.message(), List.of())
                      : tracing.child(
                          span,
                          "support.input_guards",
                          () -> guards.checkInput(request.message(), routed.vector()));
              if (request.conversationId() == null || request.system() || request.rerun()) {
                return start(request, routed, input, span, release);
              }
              // a human agent who took the conversation over answers it, not the bot (no turn
              // runs: the place in the in-flight cap is given back at once)
              return relay
                  .relayIfTakenOver(request, input.blocked())
                  .onFailure()
                  .invoke(
                      failure -> {
                        release.run();
                        tracing.refused(span, failure);
                      })
                  .invoke(
                      relayed -> {
                        if (relayed != null) {
                          release.run();
                          tracing.relayed(span);
                        }
                      })
                  .onItem()
                  .ifNull()
                  .switchTo(() -> start(request, routed, input, span, release));
            });
  }

  private Uni<Multi<TurnEvent>> start(
      TurnRequest request, RoutedMessage routed, GuardCheck input, Span span, Runnable release) {
    Uni<TurnContext> opened =
        opening
            .open(request, input.blocked())
            .invoke(turn -> turn.routed(routed))
            .invoke(turn -> turn.care(input.care()))
            .invoke(turn -> turn.traced(span))
            // registered here once its opening committed: a failed commit leaves nothing behind
            .invoke(turns::start);
    return Uni.createFrom()
        .emitter(
            emitter ->
                // subscribed here, so a client that leaves cannot cancel the turn half-way
                opened
                    .subscribe()
                    .with(
                        turn ->
                            emitter.complete(
                                DetachedStream.run(events(turn, request, input, release))),
                        failure -> {
                          release.run();
                          tracing.refused(span, failure);
                          emitter.fail(failure);
                        }));
  }

  private Multi<TurnEvent> events(
      TurnContext turn, TurnRequest request, GuardCheck input, Runnable release) {
    TurnProgress progress =
        new TurnProgress(
            new AnswerFilter(guards, turn, () -> turn.systemPrompt(), request.streamed()));
    Multi<TurnEvent> work;
    if (input.blocked()) {
      progress.end(new TurnOutcome.InputBlocked(input.abuse()));
      work = Multi.createFrom().empty();
    } else {
      work = work(turn, request, progress);
    }
    // a tool the agent started may still be running (the time ran out while it worked): the turn
    // is stored once it has ended, with what it did
    Multi<TurnEvent> end =
        Multi.createFrom()
            .deferred(
                () ->
                    turn.toolsSettled(agentConfig.toolGrace())
                        .chain(
                            unfinished ->
                                finisher.finish(turn, request.message(), progress, unfinished))
                        .onItem()
                        .transformToMulti(list -> Multi.createFrom().iterable(list)));
    TurnEvent.Done[] done = new TurnEvent.Done[1];
    String[] reason = new String[1];
    return Multi.createBy()
        .concatenating()
        .streams(started(turn, input), work, end)
        .onItem()
        .invoke(
            event -> {
              if (event instanceof TurnEvent.Done d) {
                done[0] = d;
              } else if (event instanceof TurnEvent.Escalated e) {
                reason[0] = e.reason();
              }
            })
        .onTermination()
        .invoke(
            () -> {
              turns.finish(turn);
              release.run();
              tracing.end(turn.span(), summary(turn, done[0], reason[0]));
            });
  }

  /** The turn's first events: it started, and what the input guards found in the message. */
  private static Multi<TurnEvent> started(TurnContext turn, GuardCheck input) {
    List<TurnEvent> first = new ArrayList<>();
    first.add(
        new TurnEvent.TurnStarted(
            turn.conversationId(), turn.turnId(), turn.agent(), turn.language()));
    for (GuardVerdict v : input.triggered()) {
      TurnEvent.Guard event = v.event("input");
      turn.record(event);
      first.add(event);
    }
    return Multi.createFrom().iterable(first);
  }

  /**
   * The agents' work (after a system note's prelude) within the turn's time. The answer being
   * streamed when the agent failed or the time ran out is not kept: the customer sees it taken
   * back.
   */
  private Multi<TurnEvent> work(TurnContext turn, TurnRequest request, TurnProgress progress) {
    Multi<TurnEvent> agent =
        Multi.createFrom()
            .deferred(
                () ->
                    turn.handover() != null
                        ? Multi.createFrom().<TurnEvent>empty()
                        : agents.run(turn, request.message(), progress));
    return deadline
        .bound(
            request.prelude() == null
                ? agent
                : Multi.createBy().concatenating().streams(prelude(turn, request), agent),
            agentConfig.timeout(),
            () -> {
              // before the agent's stream is cancelled: no tool may start after this
              turn.stop(StopReason.TIMEOUT);
              return new TurnStopped(StopReason.TIMEOUT);
            })
        .onFailure()
        .recoverWithMulti(
            failure -> {
              progress.fail(turn, failure);
              return Multi.createFrom().iterable(progress.withdraw());
            });
  }

  private static TurnTracing.TurnSummary summary(
      TurnContext turn, TurnEvent.Done done, String reason) {
    List<String> agents = new ArrayList<>();
    for (List<String> handoff : turn.handoffPairs()) {
      if (agents.isEmpty()) {
        agents.add(handoff.get(0));
      }
      agents.add(handoff.get(1));
    }
    if (agents.isEmpty()) {
      agents.add(turn.agent());
    }
    return new TurnTracing.TurnSummary(
        turn.conversationId().toString(),
        turn.caller().tier(),
        agents,
        turn.route().route(),
        turn.handoffs(),
        done != null && done.resolved(),
        done != null && done.escalated(),
        reason,
        done == null ? 0.0 : done.confidence(),
        turn.elapsed().toMillis(),
        turn.modelFailure());
  }

  /** What a system note runs first (blocking work, e.g. an approved call through the gate). */
  private static Multi<TurnEvent> prelude(TurnContext turn, TurnRequest request) {
    return Multi.createFrom()
        .<List<TurnEvent>>item(() -> request.prelude().apply(turn))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .onItem()
        .transformToIterable(events -> events);
  }
}
