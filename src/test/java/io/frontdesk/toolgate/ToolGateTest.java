package io.frontdesk.toolgate;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.Faults;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gate with real tools and a real database: optional arguments, a duplicated side effect that
 * runs once, and a side effect that commits together with its audit row or not at all (a database
 * error injected at the audit insert). Customers cus_0072 … cus_0078 are this test's.
 */
@QuarkusTest
class ToolGateTest {

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  private String service(String customer) {
    return rows(
            pool,
            "select id from service where customer_id = $1 and status <> 'stopped' order by id"
                + " limit 1",
            customer)
        .getFirst()
        .getString(0);
  }

  private UUID ask(String customer, Reply... replies) {
    model.enqueue(replies);
    JsonPath answer = Inquiries.ask(customer, "My service needs attention");
    return UUID.fromString(answer.getString("conversationId"));
  }

  private List<String> decisions(UUID conversation, String tool) {
    return rows(
            pool,
            "select decision from audit_log where conversation_id = $1 and action = $2 order by id",
            conversation,
            tool)
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }

  @Test
  void anOptionalArgumentMayBeLeftOut() {
    Row own =
        rows(
                pool,
                "select customer_id, id from service where customer_id between 'cus_0072' and"
                    + " 'cus_0076' and status <> 'stopped' order by id limit 1")
            .getFirst();
    String svc = own.getString("id");

    UUID conversation =
        ask(
            own.getString("customer_id"),
            Reply.toolCall("get_service_logs", "{\"service_id\":\"" + svc + "\"}"),
            Reply.text("Here are the last lines."));

    assertEquals(List.of("executed"), decisions(conversation, "get_service_logs"));
    assertTrue(model.lastRequest().toolResult("get_service_logs").contains("\"lines\""));
  }

  @Test
  void aDuplicatedSideEffectRunsOnceAndTheCopyIsAnsweredFromTheRecord() {
    String svc = service("cus_0077");
    int before = restarts(svc);
    String call = "{\"service_id\":\"" + svc + "\"}";

    UUID conversation =
        ask(
            "cus_0077",
            Reply.toolCalls(
                List.of(
                    new Reply.ToolCall("restart_service", call),
                    new Reply.ToolCall("restart_service", call))),
            Reply.text("Restarted."));

    assertEquals(before + 1, restarts(svc), "one restart");
    assertEquals(List.of("executed", "replayed"), decisions(conversation, "restart_service"));
    List<String> results = model.lastRequest().toolResults();
    assertEquals(results.get(0), results.get(1), "the copy gets the first call's result");
  }

  @Test
  void aSideEffectWhoseAuditRowCannotBeWrittenIsUndone() {
    String svc = service("cus_0078");
    Row before =
        rows(pool, "select status, restart_count, updated_at from service where id = $1", svc)
            .getFirst();
    UUID conversation;
    try (var fault =
        Faults.failInsert(
            pool,
            "audit_log",
            "new.decision = 'executed' and new.arguments->>'service_id' = '%s'".formatted(svc))) {
      conversation =
          ask(
              "cus_0078",
              Reply.toolCall("restart_service", "{\"service_id\":\"" + svc + "\"}"),
              Reply.text("I could not restart it right now."));
    }

    Row after =
        rows(pool, "select status, restart_count, updated_at from service where id = $1", svc)
            .getFirst();
    assertEquals(before.getString(0), after.getString(0), "the restart was rolled back");
    assertEquals(before.getInteger(1), after.getInteger(1));
    assertEquals(before.getOffsetDateTime(2), after.getOffsetDateTime(2));
    assertEquals(0, count(pool, "select count(*) from service_restart where service_id = $1", svc));
    assertEquals(
        0,
        count(pool, "select count(*) from tool_execution where conversation_id = $1", conversation),
        "no idempotency record for an effect that did not happen");
    assertEquals(List.of("failed"), decisions(conversation, "restart_service"));
    assertTrue(
        model.lastRequest().toolResult("restart_service").contains("temporarily unavailable"));

    // the effect can be made once the database is well again, and then exactly once
    UUID retry =
        ask(
            "cus_0078",
            Reply.toolCall("restart_service", "{\"service_id\":\"" + svc + "\"}"),
            Reply.text("Restarted."));
    assertEquals(List.of("executed"), decisions(retry, "restart_service"));
    assertEquals(before.getInteger(1) + 1, restarts(svc));
  }

  private int restarts(String svc) {
    return rows(pool, "select restart_count from service where id = $1", svc)
        .getFirst()
        .getInteger(0);
  }
}
