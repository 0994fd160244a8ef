package io.frontdesk.testing;

import io.frontdesk.database.EmbeddedDatabase;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * Two packaged replicas on one PostgreSQL, as the replica integration tests start them: the first
 * runs the embedded database, the second points at it; both verify HS256 tokens signed with one
 * shared secret and call one scripted model.
 */
public final class Replicas {

  public static final String SECRET = "integration-test-shared-secret-of-32-bytes";
  public static final String ISSUER = "https://auth.it.frontdesk";

  private Replicas() {}

  /** A token for this subject (a customer, or an agent with groups), signed with the secret. */
  public static String token(String subject, Set<String> groups) {
    var claims =
        Jwt.issuer(ISSUER)
            .subject(subject)
            .expiresAt(Instant.now().plusSeconds(3600).getEpochSecond());
    if (!groups.isEmpty()) {
      claims.groups(groups);
    }
    return claims
        .jws()
        .algorithm(SignatureAlgorithm.HS256)
        .sign(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
  }

  /** The first replica's environment: the embedded database in {@code dir}, this model. */
  /** A JSON request to {@code service} as customer {@code subject}, with an integration token. */
  public static RequestSpecification customer(ServiceProcess service, String subject) {
    return RestAssured.given()
        .baseUri(service.baseUrl())
        .auth()
        .oauth2(token(subject, Set.of()))
        .contentType(ContentType.JSON);
  }

  public static Map<String, String> env(Path dir, ScriptedModelServer model) {
    Map<String, String> env = new HashMap<>();
    env.put("FRONTDESK_SECURITY_HS256_SECRET", SECRET);
    env.put("FRONTDESK_SECURITY_ISSUER", ISSUER);
    env.put("FRONTDESK_EMBEDDED_DATABASE_DATA_DIR", dir.resolve("pg").toString());
    env.put("OPENAI_BASE_URL", model.baseUrl());
    env.put("OPENAI_API_KEY", "it");
    env.put("FRONTDESK_AGENT_TOPOLOGY", "single");
    // expiry and recovery stay out of the way: every approval outcome comes from a decision
    env.put("FRONTDESK_APPROVALS_SWEEP_EVERY", "1h");
    return env;
  }

  /** A further replica's environment: the first one's, on the database the first one runs. */
  public static Map<String, String> onTheDatabaseOf(ServiceProcess first, Map<String, String> env) {
    Map<String, String> other = new HashMap<>(env);
    other.put("FRONTDESK_EMBEDDED_DATABASE_ENABLED", "false");
    other.put(
        "QUARKUS_DATASOURCE_REACTIVE_URL",
        "postgresql://127.0.0.1:%d/postgres".formatted(first.embeddedDatabasePort()));
    other.put("FRONTDESK_DB_PASSWORD", EmbeddedDatabase.passwordIn(first.embeddedDataDir()));
    return other;
  }

  /** A JDBC connection to the database the first replica runs, to assert on its rows. */
  public static Connection database(ServiceProcess first) throws SQLException {
    return DriverManager.getConnection(first.embeddedDatabaseJdbcUrl());
  }
}
