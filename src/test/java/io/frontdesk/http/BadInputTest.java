package io.frontdesk.http;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a 4xx JSON answer that says what is wrong and where, and nothing reaches the model
 * or the database: malformed JSON, wrong JSON types (no silent coercion), arrays for objects,
 * malformed ids, unknown fields, NUL bytes in bodies, paths and queries.
 */
@QuarkusTest
class BadInputTest {

  static final String CUSTOMER = "cus_0071";

  @BeforeEach
  void resetModel() {
    ModelServerTestResource.server().reset();
  }

  private static RequestSpecification json(String body) {
    return Inquiries.as(CUSTOMER).contentType(ContentType.JSON).body(body);
  }

  private static ValidatableResponse inquiry(String body) {
    return json(body).post("/api/v1/inquiries").then();
  }

  /** A clean 4xx: the error contract, a reason, no stack trace. */
  private static ValidatableResponse refused(
      ValidatableResponse response, int status, String reason) {
    return response
        .statusCode(status)
        .contentType(ContentType.JSON)
        .body("error", notNullValue())
        .body("message", containsString(reason))
        .body(not(containsString("Exception")))
        .body(not(containsString("\tat ")));
  }

  @Test
  void malformedJsonSaysWhere() {
    refused(inquiry("{\"message\": \"hi\",}"), 400, "line 1, column")
        .body("error", equalTo("invalid_json"));
    refused(inquiry("{\"message\": "), 400, "not valid JSON");
  }

  @Test
  void aNumberIsNotCoercedToAMessage() {
    refused(inquiry("{\"message\": 123}"), 400, "'message' must be text");
    refused(inquiry("{\"message\": true}"), 400, "'message' must be text");
    refused(inquiry("{\"message\": {\"text\": \"hi\"}}"), 400, "'message' must be text");
  }

  @Test
  void anArrayIsNotAnObject() {
    refused(inquiry("[{\"message\": \"hi\"}]"), 400, "the body must be a JSON object");
    refused(inquiry("\"hi\""), 400, "the body must be a JSON object");
  }

  @Test
  void aMalformedConversationIdIsRefused() {
    refused(
        inquiry("{\"message\": \"hi\", \"conversationId\": \"not-a-uuid\"}"),
        400,
        "'conversationId' is not a UUID");
    refused(inquiry("{\"message\": \"hi\", \"conversationId\": 42}"), 400, "conversationId");
  }

  @Test
  void anUnknownFieldIsRefusedNotIgnored() {
    refused(
        inquiry("{\"message\": \"hi\", \"customerId\": \"cus_0001\"}"),
        400,
        "unknown field 'customerId'");
  }

  @Test
  void aNulByteInAMessageIsA400NotADatabaseError() {
    refused(inquiry("{\"message\": \"hello\\u0000world\"}"), 400, "'message' contains a NUL");
    refused(inquiry("{\"message\": \"bell\\u0007\"}"), 400, "control character");
  }

  @Test
  void aNulByteInAPathOrQueryIsA400() {
    refused(
        Inquiries.as(CUSTOMER).urlEncodingEnabled(false).get("/api/v1/tickets/TCK-1%00").then(),
        400,
        "NUL");
    refused(
        Inquiries.as(CUSTOMER)
            .urlEncodingEnabled(false)
            .get("/api/v1/knowledge/articles?q=reset%00password")
            .then(),
        400,
        "query parameter 'q'");
  }

  @Test
  void emptyOrNonJsonBodiesAreRefused() {
    refused(inquiry(""), 400, "");
    refused(
        Inquiries.as(CUSTOMER)
            .contentType(ContentType.TEXT)
            .body("hi")
            .post("/api/v1/inquiries")
            .then(),
        415,
        "");
  }

  @Test
  void aReviewerDecisionMustBeApproveOrReject() {
    String path = "/api/v1/console/approvals/" + UUID.randomUUID() + "/decision";
    refused(
        Inquiries.asAgent("agt_rita")
            .contentType(ContentType.JSON)
            .body("{\"decision\": \"maybe\"}")
            .post(path)
            .then(),
        400,
        "must be approve or reject");
    refused(
        Inquiries.asAgent("agt_rita")
            .contentType(ContentType.JSON)
            .body("{\"decision\": true}")
            .post(path)
            .then(),
        400,
        "'decision' must be text");
    refused(
        Inquiries.asAgent("agt_rita")
            .contentType(ContentType.JSON)
            .body("{\"decision\": \"approve\"}")
            .post("/api/v1/console/approvals/not-a-uuid/decision")
            .then(),
        400,
        "wrong type");
    refused(
        Inquiries.asAgent("agt_rita")
            .contentType(ContentType.JSON)
            .body("{\"decision\": \"approve\"}")
            .post(path)
            .then(),
        404,
        "does not exist");
  }

  @Test
  void auditFiltersAreValidated() {
    refused(Inquiries.asAdmin().get("/api/v1/admin/audit?since=yesterday").then(), 400, "ISO-8601");
    refused(
        Inquiries.asAdmin().get("/api/v1/admin/audit?decision=bogus").then(),
        400,
        "decision must be one of");
    refused(Inquiries.asAdmin().get("/api/v1/admin/audit?limit=0").then(), 400, "limit");
    refused(Inquiries.asAdmin().get("/api/v1/admin/audit?limit=abc").then(), 400, "wrong type");
  }

  @Test
  void approvalListsTakeKnownStatusesOnly() {
    refused(
        Inquiries.asAgent("agt_rita").get("/api/v1/console/approvals?status=done").then(),
        400,
        "status must be one of");
  }
}
