package io.frontdesk.technical;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One diagnostic check: its name, ok, warn or fail, and the evidence in one sentence. */
@RegisterForReflection
public record DiagnosticCheck(String name, String status, String detail) {

  static final String OK = "ok";
  static final String WARN = "warn";
  static final String FAIL = "fail";
}
