package io.frontdesk.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sends customer messages through the real REST API. */
public final class Inquiries {

  private Inquiries() {}

  /**
   * A request made as this customer, with a bearer token the operator's backend would have minted:
   * the one place tests say who is calling.
   */
  public static RequestSpecification as(String customerId) {
    return given().auth().oauth2(TestTokens.customer(customerId));
  }

  /** A request made as a human support agent (role {@code agent}). */
  public static RequestSpecification asAgent(String agentId) {
    return given().auth().oauth2(TestTokens.agent(agentId));
  }

  /** A request made as an administrator (role {@code admin}). */
  public static RequestSpecification asAdmin() {
    return given().auth().oauth2(TestTokens.admin("admin_test"));
  }

  /** Posts a message and returns the SupportResponse, asserting HTTP 200. */
  public static JsonPath ask(String customerId, String message, UUID conversationId) {
    return send(customerId, message, conversationId).statusCode(200).extract().jsonPath();
  }

  /** Posts a message, for a test that asserts the status itself (4xx, 503). */
  public static ValidatableResponse send(String customerId, String message, UUID conversationId) {
    return as(customerId)
        .contentType(ContentType.JSON)
        .body(body(message, conversationId))
        .post("/api/v1/inquiries")
        .then();
  }

  /** Posts a message to the SSE endpoint and returns its events, asserting HTTP 200. */
  public static List<JsonNode> stream(String customerId, String message, UUID conversationId) {
    return Sse.events(
        as(customerId)
            .contentType(ContentType.JSON)
            .body(body(message, conversationId))
            .post("/api/v1/inquiries/stream")
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  public static JsonPath ask(String customerId, String message) {
    return ask(customerId, message, null);
  }

  public static Map<String, Object> body(String message, UUID conversationId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    if (conversationId != null) {
      body.put("conversationId", conversationId.toString());
    }
    return body;
  }
}
