package io.frontdesk.toolgate;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a {@link Backend} method (it returns a {@link Uni}) under its backend's guard through the
 * programmatic API: one metrics collector per backend, kept for the life of the guard. The guard of
 * each method is looked up once.
 */
@Backend("")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 10)
public class BackendInterceptor {

  private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {};

  private final Instance<Guard> guards;
  private final Map<Method, Guard> byMethod = new ConcurrentHashMap<>();

  BackendInterceptor(@Any Instance<Guard> guards) {
    this.guards = guards;
  }

  @AroundInvoke
  Object guarded(InvocationContext context) {
    Guard guard = byMethod.computeIfAbsent(context.getMethod(), this::guardOf);
    return guard.get(() -> proceed(context), UNI);
  }

  private Guard guardOf(Method method) {
    Backend backend = method.getAnnotation(Backend.class);
    if (backend == null) {
      backend = method.getDeclaringClass().getAnnotation(Backend.class);
    }
    if (backend == null) {
      throw new IllegalStateException(method + " has no @Backend");
    }
    return guards.select(Identifier.Literal.of(backend.value())).get();
  }

  @SuppressWarnings("unchecked")
  private static Uni<Object> proceed(InvocationContext context) {
    try {
      return (Uni<Object>) context.proceed();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      return Uni.createFrom().failure(e);
    }
  }
}
