package io.frontdesk.http;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deadlines for slow or idle HTTP clients (slowloris), which Vert.x does not have: a request head
 * must arrive within {@code header-timeout} (of the connection's start for its first request, of
 * its first byte for later ones), a body within {@code body-timeout} of its head, and a connection
 * with no request in flight is closed after {@code quarkus.http.idle-timeout}. Until a connection's
 * first head arrives, Vert.x's own idle timer keeps the head deadline as a write deadline (a client
 * cannot move it by dripping bytes: only the server writes); from the first request on, {@link
 * RequestDeadlines} does, between the HTTP codec and Vert.x. Cleartext HTTP/2 (h2c) is off; HTTP/2
 * over TLS keeps Vert.x's idle timeout only.
 */
@ApplicationScoped
public class ConnectionDeadlines implements HttpServerOptionsCustomizer {

  /** Deadlines of HTTP requests ({@code frontdesk.http}). */
  @ConfigMapping(prefix = "frontdesk.http")
  public interface Config {
    /** A request's line and headers must arrive in full within this time of their first byte. */
    @WithDefault("20s")
    Duration headerTimeout();

    /** A request's body must arrive in full within this time of its head (else 408, closed). */
    @WithDefault("30s")
    Duration bodyTimeout();
  }

  /** The name Vert.x gives its idle timer in a connection's pipeline. */
  static final String VERTX_IDLE = "idle";

  private final Config config;
  private final Duration idle;
  private final ClientMistakes mistakes;

  ConnectionDeadlines(
      Config config,
      @ConfigProperty(name = "quarkus.http.idle-timeout") Duration idle,
      ClientMistakes mistakes) {
    this.config = config;
    this.idle = idle;
    this.mistakes = mistakes;
  }

  @Override
  public void customizeHttpServer(HttpServerOptions options) {
    // with cleartext HTTP/2 on, a new connection is undecided (HTTP/1.1 or h2c) until its first
    // head arrives, and in that state Vert.x closes it on an all-idle timeout only: a client that
    // drips a head byte by byte would never be closed. HTTP/2 over TLS (ALPN) is unaffected.
    options.setHttp2ClearTextEnabled(false);
    withHeadDeadline(options);
  }

  @Override
  public void customizeHttpsServer(HttpServerOptions options) {
    withHeadDeadline(options);
  }

  /**
   * A new connection's first head must be in before the server writes anything: Vert.x's writer
   * idle timer closes it {@code header-timeout} after its first byte otherwise.
   */
  private void withHeadDeadline(HttpServerOptions options) {
    TimeUnit unit = options.getIdleTimeoutUnit();
    options.setWriteIdleTimeout((int) unit.convert(config.headerTimeout()));
  }

  void routes(@Observes Router router) {
    // first of all routes: every request passes, whatever answers it
    router.route().order(Integer.MIN_VALUE).handler(this::firstHead);
  }

  /** The first request of a connection hands its deadlines over from Vert.x's timer. */
  private void firstHead(RoutingContext context) {
    if (context.request().connection() instanceof ConnectionBase connection) {
      ChannelPipeline pipeline = connection.channel().pipeline();
      if (context.request().version() == HttpVersion.HTTP_2) {
        // HTTP/2 multiplexes requests on one connection: only an idle timeout, no write deadline
        if (pipeline.get(VERTX_IDLE) instanceof IdleStateHandler timer
            && timer.getWriterIdleTimeInMillis() > 0) {
          pipeline.replace(
              VERTX_IDLE,
              VERTX_IDLE,
              new IdleStateHandler(0, 0, idle.toMillis(), TimeUnit.MILLISECONDS));
        }
      } else if (pipeline.get(RequestDeadlines.NAME) == null
          && pipeline.get("httpDecoder") != null
          && pipeline.get("handler") != null) {
        RequestDeadlines.install(pipeline, config, idle, mistakes, context.request().isEnded());
      }
    }
    context.next();
  }
}
