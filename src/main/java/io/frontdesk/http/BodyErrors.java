package io.frontdesk.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Says what is wrong with a request body and where, in a sentence a client developer can act on.
 */
final class BodyErrors {

  private BodyErrors() {}

  static String describe(JsonProcessingException e) {
    String where = where(e.getLocation());
    return switch (e) {
      case UnrecognizedPropertyException u ->
          "unknown field '%s'%s".formatted(u.getPropertyName(), where);
      case InvalidFormatException f when f.getPath().isEmpty() ->
          "the body is not what this endpoint takes" + where;
      case InvalidFormatException f -> "'%s' %s%s".formatted(path(f), problem(f), where);
      case MismatchedInputException m when m.getPath().isEmpty() ->
          "the body must be a JSON object" + where;
      case MismatchedInputException m ->
          "'%s' must be %s%s".formatted(path(m), expected(m.getTargetType()), where);
      case JsonParseException p ->
          "the body is not valid JSON" + where + ": " + p.getOriginalMessage();
      default -> "the body could not be read" + where + ": " + e.getOriginalMessage();
    };
  }

  private static String problem(InvalidFormatException f) {
    if (f.getTargetType() == String.class
        && f.getValue() instanceof String text
        && TextRules.problem(text) != null) {
      return TextRules.problem(text);
    }
    if (f.getTargetType() == String.class) {
      return "must be text";
    }
    return "is not %s".formatted(expected(f.getTargetType()));
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == String.class) {
      return "text";
    }
    if (type == UUID.class) {
      return "a UUID";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive() || type == BigDecimal.class) {
      return "a number";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a JSON array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a JSON object";
    }
    return "a " + type.getSimpleName();
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " (line %d, column %d)".formatted(location.getLineNr(), location.getColumnNr());
  }
}
