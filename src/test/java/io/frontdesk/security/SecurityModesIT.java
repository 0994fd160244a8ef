package io.frontdesk.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.ServiceProcess;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service's two security modes. Zero-config: demo mode, a generated key kept in the
 * data folder, demo tokens from the endpoint and from bin/mint-token. The deployment profile (as
 * the Dockerfiles run it): no start without a key, and no demo endpoint with one.
 */
class SecurityModesIT {

  @Test
  void withNothingConfiguredItRunsInDemoModeAndMintsWorkingTokens(@TempDir Path dir)
      throws Exception {
    Path keys = dir.resolve("keys");
    try (ServiceProcess demo =
        ServiceProcess.start(
            dir,
            "demo",
            Map.of(
                "FRONTDESK_EMBEDDED_DATABASE_DATA_DIR", dir.resolve("pg").toString(),
                "FRONTDESK_SECURITY_DEMO_KEY_DIR", keys.toString()))) {
      assertTrue(demo.log().contains("DEMO MODE"), "clearly logged");
      assertTrue(
          Files.exists(keys.resolve("demo-signing-key.pem")), "the key is in the data folder");

      String token =
          given()
              .baseUri(demo.baseUrl())
              .contentType(ContentType.JSON)
              .body(Map.of("subject", "cus_0006", "role", "customer"))
              .post("/api/v1/demo/tokens")
              .then()
              .statusCode(200)
              .extract()
              .path("token");
      given()
          .baseUri(demo.baseUrl())
          .auth()
          .oauth2(token)
          .get("/api/v1/me")
          .then()
          .statusCode(200)
          .body("id", equalTo("cus_0006"));

      Process mint =
          new ProcessBuilder(
                  "bin/mint-token", "--key-dir", keys.toString(), "--role", "agent", "agt_demo")
              .redirectErrorStream(true)
              .start();
      String minted = new String(mint.getInputStream().readAllBytes()).strip();
      assertEquals(0, mint.waitFor(), minted);
      given()
          .baseUri(demo.baseUrl())
          .auth()
          .oauth2(minted)
          .get("/api/v1/console/customers/cus_0006")
          .then()
          .statusCode(200)
          .body("tier", equalTo("pro"));
    }
  }

  @Test
  void theDeploymentProfileRefusesToStartWithoutAKeyAndOffersNoDemoTokensWithOne(@TempDir Path dir)
      throws Exception {
    ServiceProcess keyless =
        ServiceProcess.launch(
            dir,
            "deploy-keyless",
            Map.of(
                "QUARKUS_PROFILE",
                "deploy",
                "FRONTDESK_EMBEDDED_DATABASE_DATA_DIR",
                dir.resolve("pg").toString()));
    int exit = keyless.awaitExit(Duration.ofMinutes(2));
    assertNotEquals(0, exit, "it must not start");
    assertTrue(
        keyless.log().contains("no token key configured and demo mode is off"), keyless.log());

    try (ServiceProcess keyed =
        ServiceProcess.start(
            dir,
            "deploy-keyed",
            Map.of(
                "QUARKUS_PROFILE", "deploy",
                "FRONTDESK_EMBEDDED_DATABASE_DATA_DIR", dir.resolve("pg").toString(),
                "FRONTDESK_SECURITY_HS256_SECRET", "a-deployment-secret-of-at-least-32-bytes"))) {
      assertTrue(!keyed.log().contains("DEMO MODE"));
      given()
          .baseUri(keyed.baseUrl())
          .contentType(ContentType.JSON)
          .body(Map.of("subject", "cus_0006", "role", "admin"))
          .post("/api/v1/demo/tokens")
          .then()
          .statusCode(404);
    }
  }
}
