package io.frontdesk.security;

import static io.frontdesk.testing.Database.rows;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.CapturedLog;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.frontdesk.testing.ScriptedModelServer;
import io.frontdesk.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The caller is the token's {@code sub} (the configured identity claim) and nothing else, on REST
 * and through the model's tool calls: {@code upn} and {@code preferred_username}, which
 * smallrye-jwt would prefer and which some identity backends let users choose, are never read.
 * Customers cus_0121 … cus_0128 are this test's.
 */
@QuarkusTest
class CallerIdentityTest {

  static final String ME = "cus_0126";
  static final String VICTIM = "cus_0127";

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  private static ValidatableResponse me(Map<String, Object> claims) {
    return given().auth().oauth2(TestTokens.withClaims(claims)).get("/api/v1/me").then();
  }

  @Test
  void aTokenWithOnlySubIsThatCustomer() {
    me(Map.of("sub", ME)).statusCode(200).body("id", equalTo(ME));
  }

  @Test
  void preferredUsernameAndUpnNeverReplaceSub() {
    me(Map.of("sub", ME, "preferred_username", VICTIM)).statusCode(200).body("id", equalTo(ME));
    me(Map.of("sub", ME, "upn", VICTIM)).statusCode(200).body("id", equalTo(ME));
    me(Map.of("sub", ME, "upn", VICTIM, "preferred_username", VICTIM))
        .statusCode(200)
        .body("id", equalTo(ME));
  }

  @Test
  void aTokenWithoutSubIsRefusedWhateverElseItNames() {
    me(Map.of("upn", ME))
        .statusCode(401)
        .body("error", equalTo("unauthenticated"))
        .body("message", equalTo("the token has no 'sub' claim naming the caller"));
    me(Map.of("preferred_username", ME)).statusCode(401);
  }

  @Test
  void aSubThatIsNotAPlainIdIsA401WithAReasonNotA500() {
    try (CapturedLog log = CapturedLog.start()) {
      me(Map.of("sub", "cus_01\u000026"))
          .statusCode(401)
          .body("message", equalTo("the token's 'sub' claim contains a NUL character"));
      me(Map.of("sub", "cus\u0007")).statusCode(401).body("message", containsString("U+0007"));
      me(Map.of("sub", "   ")).statusCode(401).body("message", containsString("is empty"));
      me(Map.of("sub", " " + ME)).statusCode(401).body("message", containsString("not an id"));
      me(Map.of("sub", "x".repeat(300))).statusCode(401);
      assertEquals(List.of(), log.alarms());
    }
  }

  @Test
  void theModelActsForSubNotForPreferredUsername() {
    model.enqueue(Reply.toolCall("list_services", "{}"), Reply.text("Here are your services."));
    String token = TestTokens.withClaims(Map.of("sub", ME, "preferred_username", VICTIM));
    String conversation =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(Inquiries.body("Which services do I have?", null))
            .post("/api/v1/inquiries")
            .then()
            .statusCode(200)
            .extract()
            .path("conversationId");

    List<Row> audit =
        rows(
            pool,
            "select customer_id, decision from audit_log where conversation_id = $1 and action ="
                + " 'list_services'",
            UUID.fromString(conversation));
    assertEquals(1, audit.size(), "one audited tool call");
    assertEquals(ME, audit.getFirst().getString("customer_id"));
    assertEquals(
        ME,
        rows(
                pool,
                "select customer_id from conversation where id = $1",
                UUID.fromString(conversation))
            .getFirst()
            .getString(0));
    // the tool's result, as the model read it, lists this customer's services, not the other's
    String sentToModel = model.requests().getLast().body();
    String mine = serviceOf(ME);
    String theirs = serviceOf(VICTIM);
    assertTrue(sentToModel.contains(mine), sentToModel);
    assertTrue(!sentToModel.contains(theirs), sentToModel);
  }

  private String serviceOf(String customer) {
    return rows(pool, "select id from service where customer_id = $1 order by id limit 1", customer)
        .getFirst()
        .getString(0);
  }
}
