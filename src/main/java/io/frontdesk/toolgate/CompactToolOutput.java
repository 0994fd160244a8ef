package io.frontdesk.toolgate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Tool results reach the model as compact JSON. quarkus-langchain4j serialises them with a pretty
 * printer (indentation costs prompt tokens on every round trip); a raw value written here is left
 * as it is.
 */
@Singleton
public class CompactToolOutput implements ObjectMapperCustomizer {

  private static final ObjectMapper COMPACT =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Override
  public void customize(ObjectMapper mapper) {
    SimpleModule module = new SimpleModule("frontdesk-compact-tool-output");
    module.setSerializerModifier(
        new BeanSerializerModifier() {
          @Override
          public JsonSerializer<?> modifySerializer(
              SerializationConfig config, BeanDescription bean, JsonSerializer<?> serializer) {
            return ToolOutput.class.isAssignableFrom(bean.getBeanClass())
                ? new RawCompact()
                : serializer;
          }
        });
    mapper.registerModule(module);
  }

  private static final class RawCompact extends JsonSerializer<Object> {
    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeRawValue(COMPACT.writeValueAsString(value));
    }
  }
}
