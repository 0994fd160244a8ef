package io.frontdesk.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;

import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.ModelServerTestResource;
import io.frontdesk.testing.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad requests get a 4xx with a reason; nothing reaches the model. */
@QuarkusTest
class InquiryValidationTest {

  @Test
  void missingCustomerIs401() {
    given()
        .contentType(ContentType.JSON)
        .body(Inquiries.body("hello", null))
        .post("/api/v1/inquiries")
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthenticated"))
        .body("message", containsString("bearer token"));
  }

  @Test
  void unknownCustomerIs401() {
    post("cus_9999", Inquiries.body("hello", null))
        .statusCode(401)
        .body("message", containsString("cus_9999"));
  }

  @Test
  void blankOrOversizedMessageIs400() {
    post("cus_0001", Inquiries.body("  ", null))
        .statusCode(400)
        .body("error", equalTo("invalid_request"));
    post("cus_0001", Inquiries.body("x".repeat(8001), null))
        .statusCode(400)
        .body("message", containsString("limit is 8000"));
  }

  @Test
  void malformedJsonIs400() {
    Inquiries.as("cus_0001")
        .contentType(ContentType.JSON)
        .body("{\"message\": ")
        .post("/api/v1/inquiries")
        .then()
        .statusCode(400);
  }

  @Test
  void someoneElsesOrUnknownConversationIs404() {
    ModelServerTestResource.server().reset();
    ModelServerTestResource.server()
        .enqueue(
            Reply.toolCall("search_knowledge_base", "{\"query\":\"invoice\"}"), Reply.text("ok"));
    UUID owned =
        UUID.fromString(
            Inquiries.ask("cus_0022", "Where are my invoices?").getString("conversationId"));

    post("cus_0023", Inquiries.body("let me in", owned))
        .statusCode(404)
        .body("error", equalTo("not_found"));
    post("cus_0023", Inquiries.body("hello", UUID.randomUUID())).statusCode(404);
    Inquiries.as("cus_0023").get("/api/v1/conversations/" + owned).then().statusCode(404);
    Inquiries.as("cus_0022")
        .get("/api/v1/conversations/" + owned)
        .then()
        .statusCode(200)
        .body("conversation.customerId", equalTo("cus_0022"))
        .body("messages[0].kind", equalTo("customer"))
        .body("messages[0].content", equalTo("Where are my invoices?"))
        .body("messages[1].kind", equalTo("status"))
        .body("messages[1].content", equalTo("Searching the help centre — done"))
        .body("messages.content", everyItem(not(containsString("search_knowledge_base"))));

    // the stream has sent its headers before the turn opens: it ends with error and done
    var streamed = Inquiries.stream("cus_0023", "let me in", owned);
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of("error", "done"), streamed.stream().map(e -> e.get("type").asText()).toList());
    org.junit.jupiter.api.Assertions.assertEquals(
        "not_found", streamed.getFirst().get("code").asText());
  }

  private static io.restassured.response.ValidatableResponse post(String customer, Object body) {
    return Inquiries.as(customer)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/inquiries")
        .then();
  }
}
