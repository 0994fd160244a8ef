package io.frontdesk.agent;

/** Single: one autonomous agent with every tool. Multi: triage routes to specialists. */
public enum Topology {
  SINGLE,
  MULTI
}
