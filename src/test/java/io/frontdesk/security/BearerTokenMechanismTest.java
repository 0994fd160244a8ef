package io.frontdesk.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Where a browser puts the token on a WebSocket upgrade: the subprotocol list. */
class BearerTokenMechanismTest {

  @Test
  void theTokenFollowsTheBearerSubprotocol() {
    assertEquals("abc.def.ghi", BearerTokenMechanism.subprotocolToken("bearer, abc.def.ghi"));
    assertEquals("abc.def.ghi", BearerTokenMechanism.subprotocolToken("chat, Bearer ,abc.def.ghi"));
    assertNull(BearerTokenMechanism.subprotocolToken("chat"));
    assertNull(BearerTokenMechanism.subprotocolToken("bearer"));
    assertNull(BearerTokenMechanism.subprotocolToken(null));
  }
}
