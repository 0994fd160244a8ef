package io.frontdesk.database;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a failure is a lost connection (the database went away, is restarting, or none of its
 * connections can be had) rather than a defect. The failures come from the SQL client, Netty,
 * Hibernate Reactive and the JDBC driver, often wrapped by the layers between, so the cause chain
 * is read here, in one place, and nowhere else.
 */
final class ConnectionLoss {

  // connection_exception (08xxx) is a class; these are single states: admin_shutdown,
  // crash_shutdown, cannot_connect_now (starting, stopping, recovering), too_many_connections
  private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");
  // the SQL client's own failures without a type of their own: a pool that found no connection in
  // time, a command sent on a connection that was closed under it
  private static final Pattern CLIENT_MESSAGE =
      Pattern.compile("^(Timeout|Connection is not active.*|Pool closed)$");
  private static final Pattern VERTX_MESSAGE =
      Pattern.compile("(?i).*connection (refused|reset|was closed|closed).*");
  private static final int MAX_DEPTH = 16;

  private ConnectionLoss() {}

  /** True when {@code failure}, or a cause of it, is a lost or unobtainable connection. */
  static boolean in(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
      if (lost(t)) {
        return true;
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return false;
  }

  private static boolean lost(Throwable t) {
    return switch (t) {
      // refused (Netty's AnnotatedConnectException), reset, broken pipe, connect timeouts
      case SocketException socket -> true;
      case ClosedChannelException closed -> true;
      case ClosedConnectionException closed -> true;
      case ConnectionPoolTooBusyException busy -> true;
      case PgException pg -> lostState(pg.getSqlState());
      case SQLException sql -> lostState(sql.getSQLState());
      case NoStackTraceThrowable client ->
          client.getMessage() != null && CLIENT_MESSAGE.matcher(client.getMessage()).matches();
      case VertxException vertx ->
          vertx.getMessage() != null && VERTX_MESSAGE.matcher(vertx.getMessage()).matches();
      default -> false;
    };
  }

  private static boolean lostState(String state) {
    return state != null && (state.startsWith("08") || STATES.contains(state));
  }
}
