package io.frontdesk.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses, with a 400 before any endpoint sees it, a path or query parameter that breaks {@link
 * TextRules} ({@code %00} would otherwise reach PostgreSQL and fail there) and a path with matrix
 * parameters: JAX-RS reads {@code /articles/KB-1001;%20DROP} as the id {@code KB-1001} with a
 * matrix parameter, so the request would act on another resource than the one its path names. A
 * literal semicolon in an id is sent encoded ({@code %3B}) and is not a matrix parameter.
 */
public class PlainRequestLine {

  @ServerRequestFilter(preMatching = true)
  public Response check(ContainerRequestContext request, HttpServerRequest raw) {
    // the request line as sent: the JAX-RS view of the path has the matrix parameters taken out
    String uri = raw.uri();
    int queryStart = uri.indexOf('?');
    String rawPath = queryStart < 0 ? uri : uri.substring(0, queryStart);
    if (rawPath.indexOf(';') >= 0) {
      return refuse(
          "the path contains ';' (a matrix parameter): ids never carry parameters; send a literal"
              + " semicolon as %3B");
    }
    String pathProblem = TextRules.problem(request.getUriInfo().getPath());
    if (pathProblem != null) {
      return refuse("the path " + pathProblem);
    }
    MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
    for (Map.Entry<String, List<String>> p : query.entrySet()) {
      for (String value : p.getValue()) {
        String problem = TextRules.problem(p.getKey());
        problem = problem != null ? problem : TextRules.problem(value);
        if (problem != null) {
          return refuse(
              "query parameter '%s' %s".formatted(ClientMistakes.oneLine(p.getKey()), problem));
        }
      }
    }
    return null;
  }

  private static Response refuse(String reason) {
    return Response.status(400)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ApiError("invalid_request", reason))
        .build();
  }
}
