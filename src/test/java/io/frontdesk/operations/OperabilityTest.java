package io.frontdesk.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperabilityTest {

  @Test
  void readinessChecksTheDatabase() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("Database"));
  }

  @Test
  void liveness() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void prometheusMetrics() {
    io.frontdesk.testing.Inquiries.as("cus_0001").get("/api/v1/me").then().statusCode(200);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("http_server_requests_seconds_count"));
  }

  @Test
  void supportKpisAreExported() {
    io.frontdesk.testing.ModelServerTestResource.server().reset();
    io.frontdesk.testing.Inquiries.ask("cus_0025", "Please connect me to a human");
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(
            containsString(
                "frontdesk_turns_seconds_count{agent=\"support\",model=\"ok\",outcome=\"escalated\",reason=\"customer_request\"}"));
  }

  @Test
  void openApiAndSwaggerUi() {
    given()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/me"));
    given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
  }
}
