package io.frontdesk.agent.routing;

import io.frontdesk.turn.Route;

/**
 * A customer message as the turn understands it before any agent: its vector (embedded once, reused
 * by retrieval and the guards; null if the embedder failed) and its route.
 */
public record RoutedMessage(float[] vector, Route route) {

  public static RoutedMessage unknown() {
    return new RoutedMessage(null, Route.none());
  }
}
