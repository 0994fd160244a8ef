package io.frontdesk.toolgate;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
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

  /**
   * A record type's accessors and canonical constructor, looked up once per type: {@code
   * getRecordComponents} builds new objects on every call, and every tool result passes here.
   */
  private record Shape(Method[] accessors, Constructor<?> canonical) {}

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          Method[] accessors = new Method[components.length];
          Class<?>[] types = new Class<?>[components.length];
          for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true);
            types[i] = components[i].getType();
          }
          try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return new Shape(accessors, canonical);
          } catch (NoSuchMethodException e) {
            throw new IllegalStateException("cannot screen " + type.getName(), e);
          }
        }
      };

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
    Shape shape = SHAPES.get(record.getClass());
    Object[] values = new Object[shape.accessors().length];
    try {
      for (int i = 0; i < values.length; i++) {
        values[i] = rewrite(shape.accessors()[i].invoke(record), screen);
      }
      return shape.canonical().newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot screen " + record.getClass().getName(), e);
    }
  }
}
