package io.frontdesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class JfrComponentsTest {

  @Test
  void aFrameBelongsToTheFirstPartWhosePrefixMatches() {
    assertEquals("JSON (Jackson)", JfrComponents.partOf("com.fasterxml.jackson.core.JsonParser"));
    assertEquals("guards", JfrComponents.partOf("io.frontdesk.guard.PhraseRules"));
    assertEquals("Frontdesk (other)", JfrComponents.partOf("io.frontdesk.conversation.TurnEngine"));
    assertEquals("PostgreSQL client", JfrComponents.partOf("io.vertx.pgclient.impl.PgSocket"));
    assertEquals("Vert.x and Mutiny", JfrComponents.partOf("io.vertx.core.impl.ContextImpl"));
    assertEquals("HTTP and sockets (Netty)", JfrComponents.partOf("io.vertx.core.http.impl.X"));
    assertEquals("JWT and crypto", JfrComponents.partOf("sun.security.rsa.RSACore"));
  }

  @Test
  void jdkFramesBelongToNoPartSoTheirCallerDecides() {
    assertNull(JfrComponents.partOf("java.util.HashMap"));
    assertNull(JfrComponents.partOf("java.math.BigInteger"));
  }

  @Test
  void aStackIsTheInnermostPartsUnlessItIsTheHarnessLoginsOrTheStart() {
    assertEquals(
        "JSON (Jackson)",
        JfrComponents.part(
            List.of(
                "java.util.HashMap",
                "com.fasterxml.jackson.databind.ObjectMapper",
                "io.frontdesk.toolgate.GateAudit")));
    assertEquals(
        "token minting (the harness's logins)",
        JfrComponents.part(
            List.of(
                "java.math.BigInteger",
                "sun.security.rsa.RSACore",
                "io.frontdesk.security.TokenMinter")));
    assertEquals(JfrComponents.OTHER, JfrComponents.part(List.of("java.lang.Thread")));
  }
}
