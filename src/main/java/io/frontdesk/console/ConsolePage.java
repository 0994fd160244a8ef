package io.frontdesk.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The console page is the static {@code META-INF/resources/console/index.html}; {@code /console}
 * without the slash leads there too. Static pages are public (the security checks are on the API
 * they call).
 */
@ApplicationScoped
public class ConsolePage {

  void routes(@Observes Router router) {
    // Vert.x matches /console/ here too: only the bare path is redirected
    router
        .get("/console")
        .handler(
            context -> {
              if (context.request().path().equals("/console")) {
                context.redirect("/console/");
              } else {
                context.next();
              }
            });
  }
}
