package io.frontdesk.database;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontdesk.testing.CapturedLog;
import io.frontdesk.testing.Eventually;
import io.frontdesk.testing.Inquiries;
import io.frontdesk.testing.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under the running application (as an external database stopped by its
 * operator) and comes back: meanwhile every request that needs it is a 503 with Retry-After and
 * readiness is DOWN, the outage is one WARN and its end one INFO, and the pool reconnects by
 * itself.
 */
@QuarkusTest
class DatabaseOutageTest {

  private static final String CUSTOMER = "cus_0009";

  @Test
  void whileTheDatabaseIsDownRequestsAre503WithRetryAfterAndTheOutageIsLoggedOnce() {
    EmbeddedDatabase database = PostgresTestResource.database();
    try (CapturedLog log = CapturedLog.of("")) {
      database.stopServer();
      try {
        for (int i = 0; i < 10; i++) {
          Inquiries.as(CUSTOMER)
              .get("/api/v1/me")
              .then()
              .statusCode(503)
              .header("Retry-After", "5")
              .body("error", equalTo("unavailable"));
        }
        Inquiries.send(CUSTOMER, "Which plans do you offer?", null)
            .statusCode(503)
            .header("Retry-After", "5")
            .body("error", equalTo("unavailable"));
        Eventually.await("readiness DOWN", () -> status("/q/health/ready") == 503);
        given()
            .get("/q/health/ready")
            .then()
            .body("checks.find { it.name == 'Database' }.status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200);
      } finally {
        database.startServer();
      }
      Eventually.await(
          "the service answers again",
          Duration.ofSeconds(30),
          () -> Inquiries.as(CUSTOMER).get("/api/v1/me").statusCode() == 200);
      Eventually.await("readiness UP", () -> status("/q/health/ready") == 200);

      List<CapturedLog.Line> warnings = log.warningsAndErrors();
      assertEquals(1, warnings.size(), "one line for the outage: " + warnings);
      assertEquals(1, log.containing("Database unavailable").size(), "" + warnings);
      assertEquals(1, log.containing("Database available again").size(), "" + log.lines());
    }
  }

  private static int status(String path) {
    return given().get(path).statusCode();
  }
}
