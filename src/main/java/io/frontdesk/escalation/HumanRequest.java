package io.frontdesk.escalation;

import java.util.regex.Pattern;

/** Recognises a customer asking to talk to a person rather than the agent. */
public final class HumanRequest {

  private static final Pattern ASKS_FOR_HUMAN =
      Pattern.compile(
          "\\b(talk|speak|chat|connect|transfer|put)\\b.{0,30}\\b(human|person|agent|someone|"
              + "representative|real people|somebody|staff)\\b"
              + "|\\b(human|real person|live agent|representative|manager|supervisor)\\s*(please|now)?\\W*$"
              + "|\\bescalate\\b",
          Pattern.CASE_INSENSITIVE);

  private HumanRequest() {}

  public static boolean asksForHuman(String message) {
    return ASKS_FOR_HUMAN.matcher(message).find();
  }
}
