package io.frontdesk.agent;

import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.frontdesk.conversation.ExpirableDeadline;
import io.frontdesk.testing.Hold;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.MultiAgentProfile;
import io.frontdesk.testing.RecordedRequest;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Triage routes to specialists through generated handoff tools, within one turn. */
@QuarkusTest
@TestProfile(MultiAgentProfile.class)
class MultiAgentTurnTest {

  static final Predicate<RecordedRequest> TRIAGE = r -> r.systemMessage().contains("Triage Agent");
  static final Predicate<RecordedRequest> GENERAL =
      r -> r.systemMessage().contains("General Support Specialist");

  @Inject Pool pool;
  @Inject AgentConfig agentConfig;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  @Test
  void triageHandsToGeneralWhichAnswersInTheSameTurnWithTheWholeContext() {
    model
        .when(TRIAGE)
        .thenReply(Reply.toolCall("transfer_to_general", "{\"reason\":\"unclear question\"}"))
        .when(
            GENERAL.and(
                r -> !r.lastMessageIsToolResult() || r.toolResult("search_knowledge_base") == null))
        .thenReply(Reply.toolCall("search_knowledge_base", "{\"query\":\"reset password\"}"))
        .when(GENERAL)
        .thenReply(Reply.text("Use 'Forgot password?' on the sign-in page (KB-1001)."));

    // a message the router cannot place, so the LLM triage decides
    List<JsonNode> events = Inquiries.stream("cus_0151", "Can you help me with something?", null);

    List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
    JsonNode handoff = events.get(types.indexOf("handoff"));
    assertEquals("triage", handoff.get("from").asText());
    assertEquals("general", handoff.get("to").asText());
    assertEquals("unclear question", handoff.get("reason").asText());
    JsonNode done = events.getLast();
    assertTrue(done.get("resolved").asBoolean(), done.toString());

    RecordedRequest triage = model.requests().get(0);
    assertTrue(triage.toolNames().containsAll(List.of("transfer_to_general", "escalate_to_human")));
    assertFalse(triage.toolNames().contains("transfer_to_triage"), "no transfer to itself");
    assertFalse(triage.toolNames().contains("search_knowledge_base"), "triage only routes");

    RecordedRequest general = model.requests().get(1);
    assertTrue(GENERAL.test(general));
    assertEquals("Can you help me with something?", general.lastUserMessage());
    assertEquals(
        1,
        general.messages().stream().filter(m -> m.path("role").asText().equals("user")).count(),
        "the customer's message once");
    assertTrue(general.contains("Transferred to general"), "the triage exchange is in context");
    assertTrue(general.body().contains("transfer_to_general"), "the transfer call itself too");
    assertTrue(general.toolNames().contains("transfer_to_triage"), "specialists can hand back");

    UUID conversation = UUID.fromString(done.get("conversationId").asText());
    assertEquals(
        "general",
        rows(pool, "select active_agent from conversation where id = $1", conversation)
            .getFirst()
            .getString(0));
  }

  @Test
  void theActiveAgentAnswersTheNextMessage() {
    model
        .when(TRIAGE)
        .thenReply(Reply.toolCall("transfer_to_general", "{\"reason\":\"plan question\"}"))
        .when(
            GENERAL
                .and(RecordedRequest::lastMessageIsToolResult)
                .and(r -> r.toolResult("perform_account_action") != null))
        .thenReply(Reply.text("You are on the Pro plan."))
        .when(GENERAL)
        .thenReply(Reply.toolCall("perform_account_action", "{\"action\":\"subscription_info\"}"));
    UUID conversation =
        UUID.fromString(
            Inquiries.ask("cus_0156", "Which plan am I on?").getString("conversationId"));
    int before = model.requestCount();

    Inquiries.ask("cus_0156", "And when does it renew?", conversation);

    RecordedRequest next = model.requests().get(before);
    assertTrue(GENERAL.test(next), "general, not triage, takes the next message");
    assertTrue(next.contains("Which plan am I on?") && next.contains("You are on the Pro plan."));
  }

  @Test
  void aFourthHandoffInOneTurnEscalates() {
    model
        .when(TRIAGE)
        .thenReply(Reply.toolCall("transfer_to_general", "{\"reason\":\"yours\"}"))
        .when(GENERAL)
        .thenReply(Reply.toolCall("transfer_to_triage", "{\"reason\":\"no, yours\"}"));

    List<JsonNode> events = Inquiries.stream("cus_0152", "Something vague", null);

    long handoffs = events.stream().filter(e -> e.get("type").asText().equals("handoff")).count();
    assertEquals(3, handoffs, "three handoffs happen; the fourth escalates");
    assertEquals(4, model.requestCount());
    JsonNode escalated =
        events.stream().filter(e -> e.get("type").asText().equals("escalated")).findFirst().get();
    assertEquals("handoff_limit", escalated.get("reason").asText());
    assertTrue(events.getLast().get("escalated").asBoolean());
  }

  @Test
  void triageThatAnswersInsteadOfRoutingIsSentToGeneralAndNotShown() {
    model
        .when(TRIAGE)
        .thenReply(Reply.text("Hmm, I think you should check your settings."))
        .when(GENERAL.and(r -> r.toolResult("search_knowledge_base") == null))
        .thenReply(Reply.toolCall("search_knowledge_base", "{\"query\":\"notification settings\"}"))
        .when(GENERAL)
        .thenReply(Reply.text("Notification emails are managed in your profile (KB-1009)."));

    List<JsonNode> events =
        Inquiries.stream("cus_0153", "Where do I manage notification emails?", null);

    StringBuilder shown = new StringBuilder();
    events.stream()
        .filter(e -> e.get("type").asText().equals("text"))
        .forEach(e -> shown.append(e.get("delta").asText()));
    assertEquals("Notification emails are managed in your profile (KB-1009).", shown.toString());
    JsonNode handoff =
        events.stream().filter(e -> e.get("type").asText().equals("handoff")).findFirst().get();
    assertEquals("general", handoff.get("to").asText());
  }

  @Test
  void escalateToHumanFromTriageOpensATicket() {
    model
        .when(TRIAGE)
        .thenReply(
            Reply.toolCall("escalate_to_human", "{\"summary\":\"ownership dispute over org\"}"));

    // the router cannot place it; triage escalates
    JsonPath answer = Inquiries.ask("cus_0154", "I have a problem");

    assertTrue(answer.getBoolean("escalated"));
    assertEquals(
        "ownership dispute over org",
        rows(
                pool,
                "select summary from ticket where id = $1",
                Long.parseLong(answer.getString("ticketId").substring(4)))
            .getFirst()
            .getString(0));
  }

  @Test
  void theOutageWorkflowRunsItsFourStepsInOrderEachFeedingTheNext() {
    Predicate<RecordedRequest> step1 = r -> r.systemMessage().contains("step 1 of 4");
    model
        .when(TRIAGE)
        .thenReply(
            Reply.toolCall("transfer_to_service_outage_workflow", "{\"reason\":\"service down\"}"))
        .when(step1.and(r -> r.toolResult("perform_account_action") == null))
        .thenReply(Reply.toolCall("perform_account_action", "{\"action\":\"subscription_info\"}"))
        .when(step1)
        .thenReply(Reply.text("Verified: enterprise plan, active."))
        .when(r -> r.systemMessage().contains("step 2 of 4"))
        .thenReply(Reply.text("Cause: out of memory, exit code 137."))
        .when(r -> r.systemMessage().contains("step 3 of 4"))
        .thenReply(Reply.text("Fix: raise the memory limit to 1 GB and redeploy."))
        .when(r -> r.systemMessage().contains("step 4 of 4"))
        .thenReply(Reply.text("Your service ran out of memory; raise its limit to 1 GB."));

    List<JsonNode> events = Inquiries.stream("cus_0159", "My checkout service is down", null);

    List<JsonNode> steps =
        events.stream().filter(e -> e.get("type").asText().equals("workflow_step")).toList();
    assertEquals(
        List.of("verify-identity", "diagnose", "resolve", "follow-up"),
        steps.stream().map(e -> e.get("step").asText()).toList());
    assertEquals(List.of(1, 2, 3, 4), steps.stream().map(e -> e.get("index").asInt()).toList());
    assertEquals("Verified: enterprise plan, active.", steps.get(0).get("output").asText());

    List<RecordedRequest> sent = model.requests();
    RecordedRequest diagnose =
        sent.stream().filter(r -> r.systemMessage().contains("step 2 of 4")).findFirst().get();
    assertTrue(diagnose.lastUserMessage().contains("Verified: enterprise plan, active."));
    assertTrue(diagnose.lastUserMessage().contains("My checkout service is down"));
    RecordedRequest followUp =
        sent.stream().filter(r -> r.systemMessage().contains("step 4 of 4")).findFirst().get();
    assertTrue(followUp.lastUserMessage().contains("raise the memory limit to 1 GB"));

    List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
    assertTrue(types.indexOf("tool_call") < types.indexOf("workflow_step"), "" + types);
    JsonNode done = events.getLast();
    assertEquals(
        "Your service ran out of memory; raise its limit to 1 GB.", done.get("response").asText());
    assertTrue(done.get("resolved").asBoolean(), done.toString());
  }

  @Test
  void aTurnThatRunsOutOfTimeEscalates() throws Exception {
    Hold slowModel = new Hold();
    model
        .when(TRIAGE)
        .thenReply(
            Reply.toolCall("transfer_to_general", "{\"reason\":\"slow\"}").heldBy(slowModel));

    JsonPath answer;
    try {
      CompletableFuture<JsonPath> asked =
          CompletableFuture.supplyAsync(() -> Inquiries.ask("cus_0160", "Is anyone there?"));
      slowModel.awaitArrival();
      assertEquals(1, ExpirableDeadline.expireAll(), "the turn's time runs out");
      answer = asked.get(30, TimeUnit.SECONDS);
    } finally {
      slowModel.release();
    }

    assertTrue(answer.getBoolean("escalated"));
    assertEquals(
        "timeout",
        rows(
                pool,
                "select reason from ticket where id = $1",
                Long.parseLong(answer.getString("ticketId").substring(4)))
            .getFirst()
            .getString(0));
  }

  @Test
  void multiAgentTurnsHaveTheProductionTimeNotAShortTestTimeout() {
    // a busy machine must not turn a slow test into a timeout escalation
    assertEquals(Duration.ofSeconds(60), agentConfig.timeout());
  }
}
