package io.frontdesk.toolgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One spelling for the same call, whatever order or number format the model used. */
class CanonicalArgumentsTest {

  @Test
  void theSameAmountAndOrderAreOneCall() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("order_id", "ord_1 ");
    a.put("amount", 49);
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("amount", new BigDecimal("49.00"));
    b.put("order_id", "ord_1");

    assertEquals(CanonicalArguments.of(a), CanonicalArguments.of(b));
    assertEquals(
        CanonicalArguments.of(a),
        CanonicalArguments.of(Map.of("order_id", "ord_1", "amount", "49.0")));
    assertNotEquals(
        CanonicalArguments.of(a),
        CanonicalArguments.of(Map.of("order_id", "ord_1", "amount", 49.01)));
  }

  @Test
  void globsMatchWholeToolNames() {
    assertTrue(Globs.matches("lookup_*", "lookup_invoice"));
    assertTrue(Globs.matches("*", "process_refund"));
    assertTrue(Globs.matches("restart_?ervice", "restart_service"));
    assertFalse(Globs.matches("lookup_*", "process_lookup_x"));
    assertFalse(
        Globs.matches("process.refund", "process_refund"), "a dot is a dot, not any character");
  }
}
