package io.frontdesk.account;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.frontdesk.testing.Inquiries;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A customer reads their own record; agents read any customer through the console. */
@QuarkusTest
class MeResourceTest {

  @Test
  void aCustomerReadsTheirOwnRecordWithTheTierFromPostgres() {
    Inquiries.as("cus_0009")
        .get("/api/v1/me")
        .then()
        .statusCode(200)
        .body("id", equalTo("cus_0009"))
        .body("tier", equalTo("enterprise"))
        .body("email", containsString("@"));
  }

  @Test
  void aTokenForAnUnknownCustomerIs401() {
    Inquiries.as("cus_9999")
        .get("/api/v1/me")
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthenticated"))
        .body("message", containsString("cus_9999"));
  }

  @Test
  void agentsReadCustomersThroughTheConsole() {
    Inquiries.asAgent("agt_alice")
        .get("/api/v1/console/customers/cus_0006")
        .then()
        .statusCode(200)
        .body("tier", equalTo("pro"));
    Inquiries.asAgent("agt_alice")
        .get("/api/v1/console/customers/cus_9999")
        .then()
        .statusCode(404)
        .body("message", equalTo("customer cus_9999 does not exist"))
        .body(not(containsString("Exception")));
  }

  @Test
  void theOpenCustomerEndpointIsGone() {
    Inquiries.as("cus_0009").get("/api/v1/customers/cus_0001").then().statusCode(404);
  }
}
