package io.frontdesk.toolgate;

import io.frontdesk.database.DatabaseOutage;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.guard.GuardCheck;
import io.frontdesk.guard.GuardPipeline;
import io.frontdesk.guard.GuardVerdict;
import io.frontdesk.guard.LogRedaction;
import io.frontdesk.telemetry.TurnTracing;
import io.frontdesk.turn.ApprovalPending;
import io.frontdesk.turn.RunningTurn;
import io.frontdesk.turn.ToolRecord;
import io.frontdesk.turn.TurnControl;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * The one gate every tool call passes, whichever agent (or an approval) makes it, as one pipeline:
 * authorization → argument validation → loop limits → approval policy → idempotency (the {@link
 * GateStep}s, in that order) → execution with fault tolerance → audit → output screening. Every
 * decision is recorded for the turn and written to the append-only audit log; a side effect's audit
 * row commits with the effect itself ({@link ToolCalls#effect}).
 */
@ApplicationScoped
public class ToolGate {

  private static final Logger LOG = Logger.getLogger(ToolGate.class);

  private final ToolCatalog catalog;
  private final List<GateStep> steps;
  private final AuditLog audit;
  private final ReactiveBridge bridge;
  private final GuardPipeline guards;
  private final TurnTracing tracing;
  // span names of the steps, in the order of the pipeline below
  private static final List<String> STEP_NAMES =
      List.of("authorization", "validation", "loop_limits", "approval_policy", "idempotency");

  ToolGate(
      ToolCatalog catalog,
      Authorization authorization,
      ArgumentValidation validation,
      LoopLimits loopLimits,
      ApprovalPolicyStep approvalPolicy,
      IdempotencyStep idempotency,
      AuditLog audit,
      ReactiveBridge bridge,
      GuardPipeline guards,
      TurnTracing tracing) {
    this.catalog = catalog;
    this.steps = List.of(authorization, validation, loopLimits, approvalPolicy, idempotency);
    this.audit = audit;
    this.bridge = bridge;
    this.guards = guards;
    this.tracing = tracing;
  }

  /** A call from inside a running turn (a model's tool call, or the offline model's). */
  public Object execute(ToolInvocation invocation, Callable<Object> tool) throws Exception {
    return run(inTurn(invocation), tool);
  }

  /** Refuses a call that cannot even be read (recorded and audited like any denial). */
  public ToolRefused refuse(ToolInvocation invocation, String reason) {
    GateCall call = inTurn(invocation);
    finish(call, System.nanoTime(), "denied", reason, null);
    return new ToolRefused(reason);
  }

  /**
   * A call a human approved, run again in the turn that resumes its conversation: it passes the
   * same pipeline (authorization and validation again, the approval taken from the grant) and runs
   * once under the approval's idempotency key, however often it is retried.
   */
  public Object executeApproved(
      ToolDescriptor tool,
      Map<String, Object> arguments,
      RunningTurn turn,
      ApprovalGrant grant,
      Callable<Object> invoke)
      throws Exception {
    return run(
        new GateCall(
            tool, arguments, null, turn.caller(), turn.agent(), turn.conversationId(), turn, grant),
        invoke);
  }

  private GateCall inTurn(ToolInvocation invocation) {
    RunningTurn turn = invocation.turn();
    return new GateCall(
        describe(invocation),
        invocation.arguments(),
        invocation.callId(),
        turn.caller(),
        turn.agent(),
        turn.conversationId(),
        turn,
        null);
  }

  private ToolDescriptor describe(ToolInvocation invocation) {
    return catalog
        .find(invocation.tool())
        .orElseGet(() -> ToolDescriptor.control(invocation.tool(), null));
  }

  /** The call under its span (a child of the turn's), each gate step and the execution under it. */
  private Object run(GateCall call, Callable<Object> tool) throws Exception {
    return tracing.traced(
        call.turn() == null ? null : call.turn().span(),
        "execute_tool " + call.tool().name(),
        () -> gated(call, tool));
  }

  private Object gated(GateCall call, Callable<Object> tool) throws Exception {
    // refused once the turn is stopped; counted while it runs, so the turn waits for it to end
    RunningTurn.RunningTool running =
        call.turn() == null
            ? null
            : call.turn().toolStarted(call.callId(), call.tool().name(), call.arguments());
    call.running(running);
    long start = System.nanoTime();
    GateCall outer = ToolCalls.bound();
    ToolCalls.bind(call);
    try {
      for (int i = 0; i < steps.size(); i++) {
        GateStep step = steps.get(i);
        tracing.traced(
            null,
            "support.gate." + STEP_NAMES.get(i),
            () -> {
              step.check(call);
              return null;
            });
      }
      Object result = tracing.traced(null, "support.gate.execute", tool);
      if (call.tool().sideEffect() && !call.audited()) {
        throw new IllegalStateException(
            call.tool().name() + " did not run through ToolCalls.effect");
      }
      finish(call, start, "executed", null, result);
      return screen(call, result);
    } catch (ToolRefused refused) {
      finish(call, start, "denied", refused.getMessage(), null);
      throw refused;
    } catch (ApprovalPending pending) {
      finish(call, start, "approval_requested", null, pending.notice());
      throw pending;
    } catch (TurnControl control) {
      // a handoff or a request for a human is the tool doing its job
      finish(call, start, "executed", null, control.getMessage());
      throw control;
    } catch (Exception failure) {
      // a lost database is logged once per outage (database.DatabaseOutage), not per call
      if (!DatabaseOutage.isOutage(failure)) {
        LOG.warnf(
            "Tool %s failed: %s", call.tool().name(), LogRedaction.redact(String.valueOf(failure)));
      }
      finish(call, start, "failed", failure.toString(), null);
      throw new ToolRefused(call.tool().name() + " is temporarily unavailable; try again later");
    } finally {
      if (running != null) {
        call.turn().toolEnded(running);
      }
      if (outer == null) {
        ToolCalls.unbind();
      } else {
        ToolCalls.bind(outer);
      }
    }
  }

  /** Was this call entered by the gate, and is its tool's own code being entered now? */
  static boolean entering(String tool) {
    GateCall call = ToolCalls.bound();
    return call != null && call.tool().name().equals(tool) && call.enter();
  }

  /**
   * Tool output is untrusted too: instructions planted in it are neutralised (indirect injection).
   */
  private Object screen(GateCall call, Object result) {
    return ToolOutputScreen.screen(
        result,
        text -> {
          GuardCheck check = guards.checkToolOutput(text);
          if (call.turn() != null) {
            for (GuardVerdict v : check.triggered()) {
              call.turn().guarded(v.event("tool"));
            }
          }
          return check.text();
        });
  }

  private void finish(GateCall call, long start, String decision, String error, Object result) {
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (call.turn() != null) {
      call.turn()
          .record(
              new ToolRecord(
                  call.agent(),
                  call.tool().name(),
                  call.arguments(),
                  decision.equals("executed"),
                  result,
                  error,
                  millis,
                  OffsetDateTime.now(ZoneOffset.UTC),
                  status(decision),
                  call.journaled() != null,
                  call.tool().control()));
    }
    if (!call.audited()) {
      bridge.await(() -> audit.write(GateAudit.entry(call, decision, error, result)));
      call.markAudited();
    }
  }

  private static String status(String decision) {
    return switch (decision) {
      case "executed" -> "succeeded";
      case "denied" -> "denied";
      case "approval_requested" -> "pending_approval";
      default -> "failed";
    };
  }
}
