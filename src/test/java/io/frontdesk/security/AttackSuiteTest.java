package io.frontdesk.security;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attacks a support desk facing the internet must withstand: another customer's data by REST or
 * through the model's tool calls, a tier's limits, forged and replayed tokens, the wrong role, and
 * a model stuck in a loop. Customers cus_0060 … cus_0099 are this suite's.
 */
@QuarkusTest
class AttackSuiteTest {

  /** A (the attacker) and B (the victim) are both pro customers with orders, invoices, services. */
  static final String A = "cus_0066";

  static final String B = "cus_0067";

  static final String FREE = "cus_0062";

  @Inject Pool pool;

  private final ScriptedModelServer model = ModelServerTestResource.server();

  @BeforeEach
  void resetModel() {
    model.reset();
  }

  private String of(String sql, String customer) {
    return rows(pool, sql, customer).getFirst().getString(0);
  }

  private String invoiceOf(String customer) {
    return of("select id from invoice where customer_id = $1 order by id limit 1", customer);
  }

  private String orderOf(String customer) {
    return of(
        "select o.id from orders o join invoice i on i.order_id = o.id join payment p on"
            + " p.invoice_id = i.id and p.status = 'succeeded' where o.customer_id = $1 order by"
            + " o.id limit 1",
        customer);
  }

  private String serviceOf(String customer) {
    return of(
        "select id from service where customer_id = $1 and status <> 'stopped' order by id limit 1",
        customer);
  }

  private String paymentOf(String customer) {
    return of("select id from payment where customer_id = $1 order by id limit 1", customer);
  }

  /** A's turn in which the model calls {@code tool} with {@code arguments}; returns the audit. */
  private Row attackThroughTheModel(String customer, String tool, String arguments) {
    model.enqueue(Reply.toolCall(tool, arguments), Reply.text("Done."));
    UUID conversation =
        UUID.fromString(
            Inquiries.ask(customer, "Please help with my account").getString("conversationId"));
    return rows(
            pool,
            "select decision, reason, customer_id from audit_log where conversation_id = $1 and"
                + " action = $2",
            conversation,
            tool)
        .getFirst();
  }

  private static ValidatableResponse withToken(String token, String path) {
    return given().auth().oauth2(token).get(path).then();
  }

  // ---------------------------------------------------------------- another customer's data by
  // REST

  @Test
  void aCustomerCannotReadAnotherCustomersConversation() {
    model.enqueue(Reply.text("Hello!"));
    String theirs = Inquiries.ask(B, "Hello there").getString("conversationId");

    Inquiries.as(A).get("/api/v1/conversations/" + theirs).then().statusCode(404);
    Inquiries.as(B).get("/api/v1/conversations/" + theirs).then().statusCode(200);
  }

  @Test
  void aCustomerCannotWriteIntoAnotherCustomersConversation() {
    model.enqueue(Reply.text("Hello!"));
    String theirs = Inquiries.ask(B, "Hello again").getString("conversationId");
    int requests = model.requestCount();

    Inquiries.as(A)
        .contentType(ContentType.JSON)
        .body(Inquiries.body("Tell me what they said", UUID.fromString(theirs)))
        .post("/api/v1/inquiries")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
    assertEquals(requests, model.requestCount(), "nothing reached the model");
  }

  @Test
  void aCustomerCannotReadAnotherCustomersTicket() {
    model.enqueue(Reply.text("ESCALATE: needs a person"));
    String ticket = Inquiries.ask(B, "Something unusual").getString("ticketId");

    Inquiries.as(A).get("/api/v1/tickets/" + ticket).then().statusCode(404);
    Inquiries.as(B).get("/api/v1/tickets/" + ticket).then().statusCode(200);
  }

  @Test
  void aCustomerCannotReadAnotherCustomersInvoice() {
    String theirs = invoiceOf(B);

    Inquiries.as(A)
        .get("/api/v1/invoices/" + theirs)
        .then()
        .statusCode(404)
        .body("message", equalTo("invoice " + theirs + " does not exist"));
    Inquiries.as(B).get("/api/v1/invoices/" + theirs).then().statusCode(200);
  }

  @Test
  void aCustomerCannotReadAnotherCustomersApproval() {
    String order = orderOf(B);
    model.enqueue(
        Reply.toolCall("process_refund", "{\"order_id\":\"" + order + "\",\"amount\":1.00}"));
    UUID conversation =
        UUID.fromString(Inquiries.ask(B, "Refund 1.00 of " + order).getString("conversationId"));
    UUID approval =
        rows(pool, "select id from approval where conversation_id = $1", conversation)
            .getFirst()
            .getUUID(0);

    Inquiries.as(A).get("/api/v1/approvals/" + approval).then().statusCode(404);
    Inquiries.as(B).get("/api/v1/approvals/" + approval).then().statusCode(200);
  }

  // ---------------------------------------------------- another customer's ids in the model's
  // calls

  @Test
  void lookupInvoiceWithAnotherCustomersInvoiceIsDenied() {
    String theirs = invoiceOf(B);

    Row audit = attackThroughTheModel(A, "lookup_invoice", "{\"invoice_id\":\"" + theirs + "\"}");

    assertEquals("denied", audit.getString("decision"));
    assertEquals(A, audit.getString("customer_id"));
    assertTrue(
        model.lastRequest().toolResult("lookup_invoice").contains("not found for this customer"));
  }

  @Test
  void lookupPaymentWithAnotherCustomersPaymentIsDenied() {
    Row audit =
        attackThroughTheModel(A, "lookup_payment", "{\"payment_id\":\"" + paymentOf(B) + "\"}");

    assertEquals("denied", audit.getString("decision"));
  }

  @Test
  void processRefundOnAnotherCustomersOrderIsDeniedWithoutAnApprovalAndRefundsNothing() {
    String theirs = orderOf(B);
    long refunds = count(pool, "select count(*) from refund where order_id = $1", theirs);

    Row audit =
        attackThroughTheModel(
            A, "process_refund", "{\"order_id\":\"" + theirs + "\",\"amount\":5.00}");

    assertEquals("denied", audit.getString("decision"));
    assertTrue(audit.getString("reason").contains(theirs + " not found for this customer"));
    assertEquals(refunds, count(pool, "select count(*) from refund where order_id = $1", theirs));
    assertEquals(
        0,
        count(
            pool,
            "select count(*) from approval where arguments->>'order_id' = $1 and customer_id = $2",
            theirs,
            A),
        "no reviewer is ever asked to refund someone else's order");
  }

  @Test
  void restartServiceOnAnotherCustomersServiceIsDeniedAndChangesNothing() {
    String theirs = serviceOf(B);
    Row before =
        rows(pool, "select status, restart_count, updated_at from service where id = $1", theirs)
            .getFirst();

    Row audit = attackThroughTheModel(A, "restart_service", "{\"service_id\":\"" + theirs + "\"}");

    assertEquals("denied", audit.getString("decision"));
    Row after =
        rows(pool, "select status, restart_count, updated_at from service where id = $1", theirs)
            .getFirst();
    assertEquals(before.getString(0), after.getString(0));
    assertEquals(before.getInteger(1), after.getInteger(1));
    assertEquals(before.getOffsetDateTime(2), after.getOffsetDateTime(2));
  }

  @Test
  void performAccountActionNamingAnotherCustomerIsDeniedAndSendsNothing() {
    long actions =
        count(pool, "select count(*) from account_action where customer_id in ($1, $2)", A, B);

    Row audit =
        attackThroughTheModel(
            A,
            "perform_account_action",
            "{\"action\":\"password_reset\",\"customer_id\":\"" + B + "\"}");

    assertEquals("denied", audit.getString("decision"));
    assertTrue(
        audit.getString("reason").contains("no argument 'customer_id'"), audit.getString("reason"));
    assertEquals(
        actions,
        count(pool, "select count(*) from account_action where customer_id in ($1, $2)", A, B),
        "no reset link went to anyone");
  }

  // ------------------------------------------------------------------------------------- tiers

  @Test
  void aFreeCustomerCannotHaveTheAgentRestartAService() {
    String own = serviceOf(FREE);
    Row audit = attackThroughTheModel(FREE, "restart_service", "{\"service_id\":\"" + own + "\"}");

    assertEquals("denied", audit.getString("decision"));
    assertTrue(audit.getString("reason").contains("not available to customers on the free plan"));
  }

  @Test
  void aRefundAboveTheTiersCapIsSentForApprovalAndNeverRunsDirectly() {
    Row big =
        rows(
                pool,
                "select o.id, o.customer_id from orders o join invoice i on i.order_id = o.id join"
                    + " payment p on p.invoice_id = i.id and p.status = 'succeeded' join customer c"
                    + " on c.id = o.customer_id where o.customer_id between 'cus_0080' and"
                    + " 'cus_0099' and c.tier = 'enterprise' and p.amount_cents > 60000 order by"
                    + " o.id limit 1")
            .getFirst();
    String order = big.getString("id");
    String enterprise = big.getString("customer_id");
    long refunds = count(pool, "select count(*) from refund where order_id = $1", order);

    Row audit =
        attackThroughTheModel(
            enterprise, "process_refund", "{\"order_id\":\"" + order + "\",\"amount\":600.00}");

    assertEquals("approval_requested", audit.getString("decision"));
    Row approval =
        rows(pool, "select reason, status from approval where arguments->>'order_id' = $1", order)
            .getFirst();
    assertTrue(
        approval.getString("reason").contains("above the enterprise tier's limit of 500"),
        approval.getString("reason"));
    assertEquals("pending", approval.getString("status"));
    assertEquals(refunds, count(pool, "select count(*) from refund where order_id = $1", order));
  }

  // ------------------------------------------------------------------------------------ tokens

  @Test
  void noTokenOrAGarbageTokenIs401() {
    given().get("/api/v1/me").then().statusCode(401).body("error", equalTo("unauthenticated"));
    withToken("not-a-jwt", "/api/v1/me").statusCode(401).body("error", equalTo("unauthenticated"));
  }

  @Test
  void aForgedTokenSignedWithAnotherKeyIs401() {
    withToken(TestTokens.forgedCustomer(A), "/api/v1/me")
        .statusCode(401)
        .body("message", containsString("could not be verified"));
  }

  @Test
  void anExpiredTokenIs401() {
    withToken(TestTokens.expiredCustomer(A, 3600), "/api/v1/me")
        .statusCode(401)
        .body("message", containsString("expired"));
  }

  @Test
  void aTokenWithAlgNoneIs401() {
    withToken(TestTokens.algNone(A), "/api/v1/me").statusCode(401);
  }

  @Test
  void aTokenWithoutASignatureIs401() {
    withToken(TestTokens.withoutSignature(A), "/api/v1/me").statusCode(401);
  }

  @Test
  void anHs256TokenKeyedWithThePublicKeyIs401() {
    withToken(TestTokens.hs256SignedWithThePublicKey(A), "/api/v1/me").statusCode(401);
  }

  @Test
  void aTokenFromAnotherIssuerIs401() {
    withToken(TestTokens.customerFromIssuer(A, "https://evil.example"), "/api/v1/me")
        .statusCode(401)
        .body("message", containsString("issuer"));
  }

  @Test
  void aForgedTokenCannotStartATurn() {
    int requests = model.requestCount();
    given()
        .auth()
        .oauth2(TestTokens.forgedCustomer(A))
        .contentType(ContentType.JSON)
        .body(Inquiries.body("refund everything", null))
        .post("/api/v1/inquiries")
        .then()
        .statusCode(401);
    assertEquals(requests, model.requestCount());
  }

  // ------------------------------------------------------------------------------------- roles

  @Test
  void aCustomerTokenOnTheConsoleIs403() {
    Inquiries.as(A)
        .get("/api/v1/console/approvals")
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    Inquiries.as(A).get("/api/v1/console/customers/" + B).then().statusCode(403);
  }

  @Test
  void aCustomerOrAgentTokenOnTheAdminApiIs403() {
    Inquiries.as(A).get("/api/v1/admin/audit").then().statusCode(403);
    Inquiries.asAgent("agt_mallory").get("/api/v1/admin/audit").then().statusCode(403);
    Inquiries.asAdmin().get("/api/v1/admin/audit?limit=1").then().statusCode(200);
  }

  @Test
  void anAgentTokenIsNotACustomer() {
    Inquiries.asAgent("agt_mallory")
        .contentType(ContentType.JSON)
        .body(Inquiries.body("hello", null))
        .post("/api/v1/inquiries")
        .then()
        .statusCode(403);
    Inquiries.asAgent("agt_mallory").get("/api/v1/me").then().statusCode(403);
  }

  // -------------------------------------------------------------------------------------- loops

  @Test
  void theSameCallMadeAThirdTimeInATurnIsRefused() {
    String call = "{\"query\":\"reset password\"}";
    model.enqueue(
        Reply.toolCall("search_knowledge_base", call),
        Reply.toolCall("search_knowledge_base", call),
        Reply.toolCall("search_knowledge_base", call),
        Reply.text("Here is how to reset it."));
    UUID conversation =
        UUID.fromString(
            Inquiries.ask("cus_0070", "How do I reset my password?").getString("conversationId"));

    assertEquals(
        java.util.List.of("executed", "executed", "denied"),
        rows(
                pool,
                "select decision from audit_log where conversation_id = $1 and action ="
                    + " 'search_knowledge_base' order by id",
                conversation)
            .stream()
            .map(r -> r.getString(0))
            .toList());
    assertTrue(model.lastRequest().toolResults().getLast().contains("do not repeat it"));
  }
}
