package io.frontdesk.agent.routing;

/** The router's own short replies to greetings and closings; the one place their text lives. */
final class Smalltalk {

  static final String GREETING =
      "Hello! I'm Skyline's support assistant. What can I help you with today: your account,"
          + " billing or your services?";
  static final String CLOSING =
      "You're welcome! If anything else comes up, just write here; I'm glad to help.";

  private Smalltalk() {}

  static String reply(String action) {
    return "greeting".equals(action) ? GREETING : CLOSING;
  }
}
