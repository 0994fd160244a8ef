package io.frontdesk.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The spans of a turn: {@code support.handle_inquiry} per turn with the seeds' attributes, and its
 * children for the input guards, each tool and each gate step. Parents are passed explicitly (a
 * turn hops threads), and no prompt or customer text is put on a span.
 */
@ApplicationScoped
public class TurnTracing {

  public static final String TURN = "support.handle_inquiry";
  static final AttributeKey<String> TIER = AttributeKey.stringKey("support.customer.tier");
  static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("support.channel");
  static final AttributeKey<List<String>> AGENTS =
      AttributeKey.stringArrayKey("support.agents_visited");
  static final AttributeKey<String> INQUIRY_TYPE = AttributeKey.stringKey("support.inquiry_type");
  static final AttributeKey<Long> HANDOFFS = AttributeKey.longKey("support.handoffs");
  static final AttributeKey<Boolean> RESOLVED = AttributeKey.booleanKey("support.resolved");
  static final AttributeKey<Boolean> ESCALATED = AttributeKey.booleanKey("support.escalated");
  static final AttributeKey<String> REASON = AttributeKey.stringKey("support.escalation_reason");
  static final AttributeKey<Double> CONFIDENCE = AttributeKey.doubleKey("support.confidence");
  static final AttributeKey<Long> DURATION = AttributeKey.longKey("support.duration_ms");
  static final AttributeKey<String> MODEL = AttributeKey.stringKey("support.model_failure");
  static final AttributeKey<String> CONVERSATION =
      AttributeKey.stringKey("support.conversation_id");

  private final Tracer tracer;

  TurnTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Starts a turn's span (ended by {@link #end}). */
  public Span startTurn(String channel) {
    return tracer
        .spanBuilder(TURN)
        .setParent(Context.current())
        .setAttribute(CHANNEL, channel)
        .startSpan();
  }

  /** A child of the turn for work that runs here and now (the input guards). */
  public <T> T child(Span parent, String name, Supplier<T> work) {
    Span span = tracer.spanBuilder(name).setParent(Context.root().with(parent)).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return work.get();
    } finally {
      span.end();
    }
  }

  /**
   * A child span of {@code parent} (a turn's, or the current one when null) around blocking work; a
   * failure marks it.
   */
  public <T> T traced(Span parent, String name, Callable<T> work) throws Exception {
    Context context = parent == null ? Context.current() : Context.current().with(parent);
    Span span = tracer.spanBuilder(name).setParent(context).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return work.call();
    } catch (Exception e) {
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }

  /** The turn did not open (refused, busy, the database down): its span ends with the reason. */
  public void refused(Span span, Throwable failure) {
    span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    span.end();
  }

  /** A human agent has the conversation: the message went to them, no bot turn ran. */
  public void relayed(Span span) {
    span.setAttribute("support.relayed_to_human", true);
    span.end();
  }

  /** The turn's outcome on its span, then the span ends. */
  public void end(Span span, TurnSummary summary) {
    span.setAttribute(CONVERSATION, summary.conversationId());
    span.setAttribute(TIER, String.valueOf(summary.tier()));
    span.setAttribute(AGENTS, summary.agents());
    span.setAttribute(INQUIRY_TYPE, String.valueOf(summary.inquiryType()));
    span.setAttribute(HANDOFFS, (long) summary.handoffs());
    span.setAttribute(RESOLVED, summary.resolved());
    span.setAttribute(ESCALATED, summary.escalated());
    if (summary.reason() != null) {
      span.setAttribute(REASON, summary.reason());
    }
    span.setAttribute(CONFIDENCE, summary.confidence());
    span.setAttribute(DURATION, summary.durationMs());
    if (summary.modelFailure() != null) {
      span.setAttribute(MODEL, summary.modelFailure());
      span.setStatus(StatusCode.ERROR, "model unavailable");
    }
    span.end();
  }

  /** What the turn's span reports. */
  public record TurnSummary(
      String conversationId,
      String tier,
      List<String> agents,
      String inquiryType,
      int handoffs,
      boolean resolved,
      boolean escalated,
      String reason,
      double confidence,
      long durationMs,
      String modelFailure) {}
}
