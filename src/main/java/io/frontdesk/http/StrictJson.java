package io.frontdesk.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.function.BiFunction;

/**
 * How request bodies are read (Quarkus REST {@code @CustomDeserialization}): no silent coercion
 * ({@code 123} is not a message, {@code "10"} is not a number), no unknown fields (a body naming
 * {@code customerId} is refused, not ignored), no trailing content, and text that keeps {@link
 * TextRules} (no NUL, no control characters, no unpaired surrogates). Only request bodies: the
 * model client and everything else keep Quarkus's mapper as it is.
 */
public class StrictJson implements BiFunction<ObjectMapper, Type, ObjectReader> {

  private static volatile ObjectMapper strict;

  @Override
  public ObjectReader apply(ObjectMapper base, Type type) {
    ObjectMapper mapper = strict;
    if (mapper == null) {
      mapper = configure(base.copy());
      strict = mapper;
    }
    return mapper.readerFor(mapper.constructType(type));
  }

  static ObjectMapper configure(ObjectMapper mapper) {
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    for (LogicalType type :
        new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
      mapper
          .coercionConfigFor(type)
          .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    mapper.enable(
        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.registerModule(
        new SimpleModule("frontdesk-plain-text").addDeserializer(String.class, new PlainText()));
    return mapper;
  }

  /** Text without NUL and other control characters (tab and line breaks are fine). */
  static final class PlainText extends StdScalarDeserializer<String> {

    PlainText() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = StringDeserializer.instance.deserialize(p, ctxt);
      String problem = text == null ? null : TextRules.problem(text);
      if (problem != null) {
        throw new InvalidFormatException(p, problem, text, String.class);
      }
      return text;
    }
  }
}
