package io.frontdesk.toolgate;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every {@code @Tool} declares its risk. A tool above {@link RiskLevel#READ_ONLY} has a side
 * effect: it runs through {@link ToolCalls#effect}, once per idempotency key, with its audit row in
 * the same transaction.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ToolRisk {

  RiskLevel value();

  /** How far a repeated identical call is the same call (side-effecting tools only). */
  OnceScope once() default OnceScope.CONVERSATION;

  /** Within what an identical side-effecting call runs only once. */
  enum OnceScope {
    /** One conversation: a refund or restart asked for twice is made once. */
    CONVERSATION,
    /** One turn: a retried or duplicated call in the same turn; a later turn may ask again. */
    TURN
  }
}
