package io.frontdesk.turn;

/**
 * Where the router places one customer message.
 *
 * @param route a specialist agent (billing, technical, general), {@code workflow:<case>}, or one
 *     the router answers itself: {@link #SMALLTALK}, {@link #HUMAN}, {@link #OUT_OF_SCOPE}
 * @param action what the customer wants within the route (e.g. latest_invoice), or null
 * @param confidence the route's probability, 0..1
 * @param sure whether the confidence reaches the configured threshold
 */
public record Route(String route, String action, double confidence, boolean sure) {

  public static final String SMALLTALK = "smalltalk";
  public static final String HUMAN = "human";
  public static final String OUT_OF_SCOPE = "out_of_scope";

  /** No route at all (the router is off or has no examples). */
  public static Route none() {
    return new Route(OUT_OF_SCOPE, null, 0, false);
  }

  public boolean is(String name) {
    return sure && route.equals(name);
  }

  /** The ticket queue this message belongs to when nothing better is known. */
  public String category() {
    if (!sure || route.equals(SMALLTALK) || route.equals(HUMAN) || route.equals(OUT_OF_SCOPE)) {
      return "general";
    }
    int colon = route.indexOf(':');
    return colon < 0 ? route : route.substring(colon + 1);
  }
}
