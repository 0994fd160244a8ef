package io.frontdesk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A connector's arguments as a JSON schema (the subset a tool needs: an object of strings, numbers,
 * integers, booleans, enums and arrays of them) into the schema the model is offered and the gate
 * validates against.
 */
final class ArgumentSchemas {

  private ArgumentSchemas() {}

  static JsonObjectSchema read(FileReader reader, JsonNode schema, String path) {
    if (schema == null) {
      return JsonObjectSchema.builder().build();
    }
    if (!schema.isObject() || !"object".equals(schema.path("type").asText("object"))) {
      throw reader.error(path, "must be a JSON schema of type object");
    }
    JsonObjectSchema.Builder object = JsonObjectSchema.builder();
    JsonNode properties = schema.path("properties");
    if (!properties.isMissingNode() && !properties.isObject()) {
      throw reader.error(path + ".properties", "must map argument names to schemas");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      object.addProperty(
          p.getKey(), element(reader, p.getValue(), path + ".properties." + p.getKey()));
    }
    List<String> required = new ArrayList<>();
    for (JsonNode name : schema.path("required")) {
      if (!properties.has(name.asText())) {
        throw reader.error(
            path + ".required", "names '" + name.asText() + "', which is not a property");
      }
      required.add(name.asText());
    }
    return object.required(required).build();
  }

  private static JsonSchemaElement element(FileReader reader, JsonNode node, String path) {
    String description = node.path("description").asText(null);
    if (node.has("enum")) {
      List<String> values = new ArrayList<>();
      node.path("enum").forEach(v -> values.add(v.asText()));
      return JsonEnumSchema.builder().enumValues(values).description(description).build();
    }
    return switch (node.path("type").asText("")) {
      case "string" -> JsonStringSchema.builder().description(description).build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "array" ->
          JsonArraySchema.builder()
              .description(description)
              .items(element(reader, node.path("items"), path + ".items"))
              .build();
      case "object" -> read(reader, node, path);
      default ->
          throw reader.error(
              path + ".type",
              "must be string, integer, number, boolean, array or object (found '"
                  + node.path("type").asText("")
                  + "')");
    };
  }
}
