package io.frontdesk.toolgate;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A call to the backend named {@link #value()} (a {@link BackendGuards} name), run under that
 * backend's guard by {@link BackendInterceptor}. It replaces SmallRye's {@code @ApplyGuard}, which
 * kept one new metrics collector per call for good (a leak of about one per turn).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Backend {

  /** The backend's guard, e.g. {@link BackendGuards#BILLING}. */
  @Nonbinding
  String value();
}
