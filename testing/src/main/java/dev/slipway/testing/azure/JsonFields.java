package dev.slipway.testing.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of request JSON that answer a wrongly typed property the way ARM does (400 naming the property),
 * and the writes back. A JSON null reads as absent.
 */
final class JsonFields {

  private JsonFields() {
  }

  static JsonElement field(JsonObject object, String name) {
    if (object == null) {
      return null;
    }
    JsonElement value = object.get(name);
    return value == null || value.isJsonNull() ? null : value;
  }

  static String string(JsonObject object, String name) {
    JsonElement value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isJsonPrimitive()) {
      throw invalid(name, value, "a string");
    }
    return value.getAsString();
  }

  static Integer integer(JsonObject object, String name) {
    JsonElement value = field(object, name);
    if (value == null) {
      return null;
    }
    try {
      JsonPrimitive primitive = value.getAsJsonPrimitive();
      if (!primitive.isNumber()) {
        throw invalid(name, value, "an integer");
      }
      double number = primitive.getAsDouble();
      if (number != Math.rint(number) || Math.abs(number) > Integer.MAX_VALUE) {
        throw invalid(name, value, "an integer");
      }
      return (int) number;
    } catch (IllegalStateException e) {
      throw invalid(name, value, "an integer");
    }
  }

  static Double number(JsonObject object, String name) {
    JsonElement value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      throw invalid(name, value, "a number");
    }
    return value.getAsDouble();
  }

  static Boolean bool(JsonObject object, String name) {
    JsonElement value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
      throw invalid(name, value, "a boolean");
    }
    return value.getAsBoolean();
  }

  static JsonObject object(JsonObject object, String name) {
    JsonElement value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isJsonObject()) {
      throw invalid(name, value, "an object");
    }
    return value.getAsJsonObject();
  }

  static List<String> strings(JsonObject object, String name) {
    JsonElement value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isJsonArray()) {
      throw invalid(name, value, "an array of strings");
    }
    List<String> list = new ArrayList<>();
    for (JsonElement element : value.getAsJsonArray()) {
      if (!element.isJsonPrimitive()) {
        throw invalid(name, value, "an array of strings");
      }
      list.add(element.getAsString());
    }
    return List.copyOf(list);
  }

  static Map<String, String> stringMap(JsonObject object, String name) {
    JsonObject value = object(object, name);
    if (value == null) {
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> entry : value.entrySet()) {
      if (!entry.getValue().isJsonPrimitive()) {
        throw invalid(name, value, "an object of strings");
      }
      map.put(entry.getKey(), entry.getValue().getAsString());
    }
    return map;
  }

  static JsonArray array(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }

  static JsonObject object(Map<String, String> values) {
    JsonObject object = new JsonObject();
    values.forEach(object::addProperty);
    return object;
  }

  private static ArmException invalid(String name, JsonElement value, String expected) {
    return new ArmException(400, "InvalidRequestContent", "The request content was invalid and could not be"
        + " deserialized: property '" + name + "' must be " + expected + " but was " + value + ".", name);
  }
}
