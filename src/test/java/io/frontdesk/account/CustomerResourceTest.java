package io.frontdesk.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CustomerResourceTest {

  @Test
  void readsADemoCustomerFromPostgres() {
    given()
        .get("/api/v1/customers/cus_0009")
        .then()
        .statusCode(200)
        .body("id", equalTo("cus_0009"))
        .body("tier", equalTo("enterprise"))
        .body("email", containsString("@"));
  }

  @Test
  void unknownCustomerIsA404WithAReason() {
    given()
        .get("/api/v1/customers/cus_9999")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"))
        .body("message", equalTo("customer cus_9999 does not exist"))
        .body(not(containsString("Exception")));
  }
}
