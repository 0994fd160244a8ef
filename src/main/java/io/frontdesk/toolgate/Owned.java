package io.frontdesk.toolgate;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A tool parameter naming a resource that must belong to the calling customer; the gate checks it
 * before the tool runs and refuses another customer's exactly like a missing one.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Owned {

  OwnedResource value();
}
