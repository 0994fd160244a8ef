package io.frontdesk.guard;

/** The personal data and secrets the redactor finds, in the order they win an overlap. */
public enum PiiEntity {
  SECRET,
  EMAIL,
  /** A payment handle with no domain: a UPI id ({@code name@bank}), a Venmo or Cash App tag. */
  HANDLE,
  IBAN,
  CARD,
  SSN,
  IP,
  PHONE;

  /** What replaces the value in the redacted text, e.g. {@code [EMAIL]}. */
  public String placeholder() {
    return "[" + name() + "]";
  }
}
