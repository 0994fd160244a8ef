package io.frontdesk.agent.routing;

/** What the turn does with a routed message before (or instead of) an agent. */
public sealed interface RouteDecision {

  /** The router answers itself (smalltalk); no agent, no model call, no ticket. */
  record Reply(String text, double confidence) implements RouteDecision {}

  /** The customer asks for a person: a ticket, no model call. */
  record Human() implements RouteDecision {}

  /** Router-first: straight to this agent or {@code workflow:<case>}, without the triage call. */
  record HandOff(String target, double confidence) implements RouteDecision {}

  /** The active agent takes the message as it is (the LLM triage when the router is unsure). */
  record Agent() implements RouteDecision {}
}
