package io.frontdesk.agent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Registers an AI service as an agent of the desk: its name (used in {@code transfer_to_<name>} and
 * in configuration), what it handles (the transfer tool's description), and its topology.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AgentRole {

  String name();

  /** What the agent handles, written for the model deciding where to hand a conversation. */
  String handles();

  Topology topology() default Topology.MULTI;

  /** Routers only route: their text is never shown to the customer. */
  boolean router() default false;
}
