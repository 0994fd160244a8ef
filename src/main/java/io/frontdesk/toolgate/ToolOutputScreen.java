package io.frontdesk.toolgate;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Rewrites every text in a tool's result (records, lists and maps, however nested) through a
 * screen, keeping the result's type: the gate neutralises injected instructions in whatever a tool
 * returns without each tool having to know about it.
 */
final class ToolOutputScreen {

  private ToolOutputScreen() {}

  @SuppressWarnings("unchecked")
  static <T> T screen(T value, UnaryOperator<String> screen) {
    return (T) rewrite(value, screen);
  }

  private static Object rewrite(Object value, UnaryOperator<String> screen) {
    return switch (value) {
      case null -> null;
      case String text -> screen.apply(text);
      case Record record -> rewriteRecord(record, screen);
      case List<?> list -> {
        List<Object> out = new ArrayList<>(list.size());
        list.forEach(item -> out.add(rewrite(item, screen)));
        yield java.util.Collections.unmodifiableList(out);
      }
      case Map<?, ?> map -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, rewrite(v, screen)));
        yield out;
      }
      default -> value;
    };
  }

  private static Object rewriteRecord(Record record, UnaryOperator<String> screen) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = rewrite(components[i].getAccessor().invoke(record), screen);
      }
      Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return canonical.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot screen " + record.getClass().getName(), e);
    }
  }
}
