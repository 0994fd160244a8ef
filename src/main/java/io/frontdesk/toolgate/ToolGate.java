package io.frontdesk.toolgate;

import io.frontdesk.conversation.ToolRecord;
import io.frontdesk.conversation.TurnContext;
import io.frontdesk.conversation.TurnControl;
import io.frontdesk.conversation.TurnEvent;
import io.frontdesk.conversation.TurnRegistry;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.guard.GuardCheck;
import io.frontdesk.guard.GuardPipeline;
import io.frontdesk.guard.GuardVerdict;
import io.frontdesk.guard.LogRedaction;
import io.vertx.core.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * The one gate every tool call passes, whichever agent makes it. Today it checks that the turn may
 * still run tools, validates arguments, runs the tool, screens its output for planted instructions,
 * records the outcome for confidence scoring and writes the audit log; authorization policies and
 * approvals plug in here.
 */
@ApplicationScoped
public class ToolGate {

  private static final Logger LOG = Logger.getLogger(ToolGate.class);

  private final TurnRegistry turns;
  private final AuditLog audit;
  private final ReactiveBridge bridge;
  private final GuardPipeline guards;

  ToolGate(TurnRegistry turns, AuditLog audit, ReactiveBridge bridge, GuardPipeline guards) {
    this.turns = turns;
    this.audit = audit;
    this.bridge = bridge;
    this.guards = guards;
  }

  public Object execute(ToolInvocation call, Callable<Object> tool) throws Exception {
    TurnContext turn = turns.require(call.memoryId());
    // refused once the turn is stopped; counted while it runs, so the turn waits for it to end
    TurnContext.RunningTool running =
        turn.toolStarted(call.memoryId(), call.tool(), call.arguments());
    long start = System.nanoTime();
    try {
      validate(call);
      Object result = screen(turn, tool.call());
      finish(turn, call, start, true, result, null, "executed");
      return result;
    } catch (ToolRefused refused) {
      finish(turn, call, start, false, null, refused.getMessage(), "denied");
      throw refused;
    } catch (TurnControl control) {
      // a handoff or a request for a human is the tool doing its job
      finish(turn, call, start, true, control.getMessage(), null, "executed");
      throw control;
    } catch (Exception failure) {
      LOG.warnf("Tool %s failed: %s", call.tool(), LogRedaction.redact(String.valueOf(failure)));
      finish(turn, call, start, false, null, failure.toString(), "failed");
      throw new ToolRefused(call.tool() + " is temporarily unavailable; try again later");
    } finally {
      turn.toolEnded(running);
    }
  }

  /**
   * Tool output is untrusted too: instructions planted in it are neutralised (indirect injection).
   */
  private Object screen(TurnContext turn, Object result) {
    return ToolOutputScreen.screen(
        result,
        text -> {
          GuardCheck check = guards.checkToolOutput(text);
          for (GuardVerdict v : check.triggered()) {
            turn.guarded(TurnEvent.Guard.of("tool", v));
          }
          return check.text();
        });
  }

  /** Arguments the model wrote are untrusted: required text must be present and bounded. */
  private static void validate(ToolInvocation call) {
    for (Map.Entry<String, Object> arg : call.arguments().entrySet()) {
      if (arg.getValue() == null
          || (arg.getValue() instanceof String s && (s.isBlank() || s.length() > 2000))) {
        throw new ToolRefused("argument '" + arg.getKey() + "' is missing, empty or too long");
      }
    }
  }

  private void finish(
      TurnContext turn,
      ToolInvocation call,
      long start,
      boolean success,
      Object result,
      String error,
      String decision) {
    long millis = (System.nanoTime() - start) / 1_000_000;
    turn.record(
        new ToolRecord(
            turn.agent(),
            call.tool(),
            call.arguments(),
            success,
            result,
            error,
            millis,
            OffsetDateTime.now(ZoneOffset.UTC)));
    String resultText = result == null ? null : Json.encode(result);
    bridge.await(
        () ->
            audit.write(
                new AuditEntry(
                    "agent",
                    turn.agent(),
                    turn.customerId(),
                    turn.conversationId(),
                    call.tool(),
                    call.arguments(),
                    decision,
                    error,
                    resultText)));
  }
}
