package io.frontdesk.turn;

/** Why a turn was cut short before the agent finished. */
public enum StopReason {
  ITERATION_LIMIT,
  TIMEOUT
}
