package io.frontdesk.telemetry;

import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.frontdesk.testing.Eventually;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.MultiAgentProfile;
import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.RecordingSpanExporter;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The span tree of a tool-using multi-agent turn, exported in memory. */
@QuarkusTest
@TestProfile(MultiAgentProfile.class)
class TurnTraceTest {

  private static final Predicate<RecordedRequest> TRIAGE =
      r -> r.systemMessage().contains("Triage Agent");
  private static final Predicate<RecordedRequest> GENERAL =
      r -> r.systemMessage().contains("General Support Specialist");
  private static final String CUSTOMER = "cus_0191";
  private static final String MESSAGE = "Can you help me with something odd?";

  @Inject RecordingSpanExporter exporter;
  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @Test
  void aTurnIsOneSpanWithItsGuardsToolsAndGateStepsBelowIt() {
    model.reset();
    exporter.reset();
    model
        .when(TRIAGE)
        .thenReply(Reply.toolCall("transfer_to_general", "{\"reason\":\"unclear question\"}"))
        .when(
            GENERAL.and(
                r -> !r.lastMessageIsToolResult() || r.toolResult("search_knowledge_base") == null))
        .thenReply(Reply.toolCall("search_knowledge_base", "{\"query\":\"reset password\"}"))
        .when(GENERAL)
        .thenReply(Reply.text("Use 'Forgot password?' on the sign-in page (KB-1001)."));

    List<JsonNode> events = Inquiries.stream(CUSTOMER, MESSAGE, null);
    assertTrue(events.getLast().get("resolved").asBoolean(), events.getLast().toString());

    // this test's turn (an earlier test's turn may end late)
    String conversation = events.getLast().get("conversationId").asText();
    Predicate<SpanData> thisTurn =
        s ->
            s.getName().equals(TurnTracing.TURN)
                && conversation.equals(s.getAttributes().get(TurnTracing.CONVERSATION));
    Eventually.await("the turn's span", () -> exporter.spans().stream().anyMatch(thisTurn));
    List<SpanData> spans = exporter.spans();
    SpanData turn = spans.stream().filter(thisTurn).findFirst().orElseThrow();
    String tier =
        rows(pool, "select tier from customer where id = $1", CUSTOMER).getFirst().getString(0);
    assertEquals(tier, turn.getAttributes().get(TurnTracing.TIER));
    assertEquals(List.of("triage", "general"), turn.getAttributes().get(TurnTracing.AGENTS));
    assertEquals(1L, turn.getAttributes().get(TurnTracing.HANDOFFS));
    assertEquals(true, turn.getAttributes().get(TurnTracing.RESOLVED));
    assertEquals(false, turn.getAttributes().get(TurnTracing.ESCALATED));
    assertTrue(turn.getAttributes().get(TurnTracing.CONFIDENCE) >= 0.7);
    assertTrue(turn.getAttributes().get(TurnTracing.DURATION) >= 0);
    assertEquals("sse", turn.getAttributes().get(TurnTracing.CHANNEL));

    child(spans, turn, "support.input_guards");
    SpanData tool = child(spans, turn, "execute_tool search_knowledge_base");
    for (String step :
        List.of(
            "authorization",
            "validation",
            "loop_limits",
            "approval_policy",
            "idempotency",
            "execute")) {
      child(spans, tool, "support.gate." + step);
    }

    assertTrue(
        spans.stream()
            .anyMatch(
                s ->
                    s.getAttributes().asMap().keySet().stream()
                        .map(AttributeKey::getKey)
                        .anyMatch(k -> k.startsWith("gen_ai."))),
        "quarkus-langchain4j's gen_ai spans are kept: "
            + spans.stream().map(SpanData::getName).toList());
    for (SpanData span : spans) {
      assertFalse(
          span.getAttributes().toString().contains(MESSAGE),
          "no customer text on span " + span.getName());
    }
  }

  private static SpanData child(List<SpanData> spans, SpanData parent, String name) {
    return spans.stream()
        .filter(s -> s.getName().equals(name))
        .filter(s -> s.getParentSpanId().equals(parent.getSpanId()))
        .filter(s -> s.getTraceId().equals(parent.getTraceId()))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no span "
                        + name
                        + " under "
                        + parent.getName()
                        + "; spans: "
                        + spans.stream()
                            .map(s -> s.getName() + " < " + s.getParentSpanId())
                            .toList()));
  }
}
