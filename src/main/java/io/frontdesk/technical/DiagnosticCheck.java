package io.frontdesk.technical;

/** One diagnostic check: its name, ok, warn or fail, and the evidence in one sentence. */
public record DiagnosticCheck(String name, String status, String detail) {

  static final String OK = "ok";
  static final String WARN = "warn";
  static final String FAIL = "fail";
}
