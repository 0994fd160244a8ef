package io.frontdesk.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint that reads a request body reads it with {@link StrictJson} (no silent coercion of
 * {@code "12"} to 12, unknown fields refused with a reason), so a new resource cannot forget it.
 */
class StrictBodiesTest {

  private static final Path CLASSES = Path.of("target", "classes");

  @Test
  void everyResourceWithABodyReadsItStrictly() throws Exception {
    List<String> lax = new ArrayList<>();
    int bodies = 0;
    for (Class<?> type : applicationClasses()) {
      for (Method method : type.getDeclaredMethods()) {
        if (!writes(method) || bodyParameter(method) == null) {
          continue;
        }
        bodies++;
        CustomDeserialization reader =
            method.isAnnotationPresent(CustomDeserialization.class)
                ? method.getAnnotation(CustomDeserialization.class)
                : type.getAnnotation(CustomDeserialization.class);
        if (reader == null || reader.value() != StrictJson.class) {
          lax.add(type.getSimpleName() + "." + method.getName());
        }
      }
    }
    assertTrue(bodies >= 5, "the scan found only " + bodies + " endpoints with a body");
    assertEquals(List.of(), lax, "endpoints reading bodies without StrictJson");
  }

  private static boolean writes(Method method) {
    return method.isAnnotationPresent(POST.class)
        || method.isAnnotationPresent(PUT.class)
        || method.isAnnotationPresent(PATCH.class);
  }

  /** The parameter JAX-RS fills from the body: the one without a JAX-RS or context annotation. */
  private static Parameter bodyParameter(Method method) {
    for (Parameter parameter : method.getParameters()) {
      boolean bound = false;
      for (Annotation a : parameter.getAnnotations()) {
        String pkg = a.annotationType().getPackageName();
        bound |=
            pkg.equals("jakarta.ws.rs")
                || pkg.equals("jakarta.ws.rs.core")
                || pkg.startsWith("org.jboss.resteasy.reactive");
      }
      if (!bound) {
        return parameter;
      }
    }
    return null;
  }

  private static List<Class<?>> applicationClasses() throws IOException, ClassNotFoundException {
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(CLASSES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = CLASSES.relativize(file).toString().replace('/', '.');
        name = name.substring(0, name.length() - ".class".length());
        if (name.startsWith("io.frontdesk.") && !name.contains("$")) {
          classes.add(Class.forName(name, false, StrictBodiesTest.class.getClassLoader()));
        }
      }
    }
    return classes;
  }
}
