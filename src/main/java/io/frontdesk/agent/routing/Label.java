package io.frontdesk.agent.routing;

/** A router label is {@code route} or {@code route/action}. */
final class Label {

  private Label() {}

  static String route(String label) {
    int slash = label.indexOf('/');
    return slash < 0 ? label : label.substring(0, slash);
  }

  static String action(String label) {
    int slash = label.indexOf('/');
    return slash < 0 ? null : label.substring(slash + 1);
  }
}
