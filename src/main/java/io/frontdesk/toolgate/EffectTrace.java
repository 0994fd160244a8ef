package io.frontdesk.toolgate;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A side effect's result that says in one sentence, to the customer, what was done ("A password
 * reset link was sent to j***@example.com."). The gate stores it in the transcript the moment the
 * effect commits; a result that changed nothing returns null.
 */
public interface EffectTrace {

  String trace();

  /** The line for a call's result: the result's own, or one made from the tool and arguments. */
  static String of(GateCall call, Object result) {
    if (result instanceof EffectTrace traced) {
      return traced.trace();
    }
    Map<String, Object> arguments = new TreeMap<>(call.arguments());
    String tool = call.tool().name().replace('_', ' ').toLowerCase(Locale.ROOT);
    return arguments.isEmpty() ? "Done: " + tool + "." : "Done: " + tool + " " + arguments + ".";
  }
}
