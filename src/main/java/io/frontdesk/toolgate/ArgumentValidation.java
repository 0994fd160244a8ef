package io.frontdesk.toolgate;

import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Step 2: are the arguments what the tool's schema offered? Required ones present and not blank,
 * optional ones may be left out, no arguments the schema does not have (a model naming a {@code
 * customer_id} is refused, not ignored), JSON types as declared, text bounded and free of NUL
 * bytes, and values a feature allowlisted ({@link ArgumentAllowlist}) within their list. Then a
 * connector's own ownership rule ({@link ExternalTool#authorize}).
 */
@ApplicationScoped
class ArgumentValidation implements GateStep {

  static final int MAX_TEXT = 2000;

  private final Map<String, Set<String>> allowlists;

  ArgumentValidation(Instance<ArgumentAllowlist> declared) {
    Map<String, Set<String>> lists = new HashMap<>();
    declared.forEach(list -> lists.put(list.tool() + "." + list.argument(), list.values()));
    this.allowlists = Map.copyOf(lists);
  }

  @Override
  public void check(GateCall call) {
    if (call.tool().control()) {
      // routing tools read their one text argument themselves and change nothing
      return;
    }
    JsonObjectSchema schema = call.tool().parameters();
    Map<String, JsonSchemaElement> properties = schema == null ? Map.of() : schema.properties();
    List<String> required =
        schema == null || schema.required() == null ? List.of() : schema.required();
    for (String name : call.arguments().keySet()) {
      if (!properties.containsKey(name)) {
        throw new ToolRefused(
            "%s takes no argument '%s' (it takes: %s); the customer is already identified"
                .formatted(
                    call.tool().name(),
                    name,
                    String.join(", ", new TreeSet<>(properties.keySet()))));
      }
    }
    for (Map.Entry<String, JsonSchemaElement> p : properties.entrySet()) {
      Object value = call.arguments().get(p.getKey());
      if (value == null) {
        if (required.contains(p.getKey())) {
          throw new ToolRefused("argument '" + p.getKey() + "' is required");
        }
        continue;
      }
      checkValue(call.tool().name(), p.getKey(), p.getValue(), value);
    }
    if (call.tool().external() != null) {
      // the connector's ownership rule (a look-up in the operator's system): part of step 1 in
      // meaning, run here so that the operator's system only ever sees validated arguments
      call.tool().external().authorize(call);
    }
  }

  private void checkValue(String tool, String name, JsonSchemaElement type, Object value) {
    switch (type) {
      case JsonStringSchema s -> text(name, value);
      case JsonEnumSchema e -> {
        text(name, value);
        if (!e.enumValues().contains(value.toString())) {
          throw new ToolRefused("argument '%s' must be one of %s".formatted(name, e.enumValues()));
        }
      }
      case JsonNumberSchema n -> number(name, value, false);
      case JsonIntegerSchema i -> number(name, value, true);
      case JsonBooleanSchema b -> {
        if (!(value instanceof Boolean)) {
          throw new ToolRefused("argument '" + name + "' must be true or false");
        }
      }
      default -> {}
    }
    Set<String> allowed = allowlists.get(tool + "." + name);
    if (allowed != null && !allowed.contains(value.toString().strip())) {
      throw new ToolRefused(
          "%s not allowed: %s (allowed: %s)"
              .formatted(name, value, String.join(", ", new TreeSet<>(allowed))));
    }
  }

  private static void text(String name, Object value) {
    if (!(value instanceof String s)) {
      throw new ToolRefused("argument '" + name + "' must be text");
    }
    if (s.isBlank() || s.length() > MAX_TEXT || s.indexOf('\0') >= 0) {
      throw new ToolRefused("argument '" + name + "' is empty, too long or not plain text");
    }
  }

  private static void number(String name, Object value, boolean integer) {
    BigDecimal n;
    try {
      n = value instanceof Number number ? new BigDecimal(number.toString()) : null;
    } catch (NumberFormatException e) {
      n = null;
    }
    if (n == null || (integer && n.stripTrailingZeros().scale() > 0)) {
      throw new ToolRefused(
          "argument '%s' must be %s".formatted(name, integer ? "a whole number" : "a number"));
    }
  }
}
