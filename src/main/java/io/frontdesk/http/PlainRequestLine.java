package io.frontdesk.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a path or query parameter carrying NUL or another control character ({@code %00}) with a
 * 400 before any endpoint sees it: such text would otherwise reach PostgreSQL and fail there.
 */
public class PlainRequestLine {

  @ServerRequestFilter(preMatching = true)
  public Response check(ContainerRequestContext request) {
    if (!TextRules.plain(request.getUriInfo().getPath())) {
      return refuse("the path contains a NUL or other control character");
    }
    MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
    for (Map.Entry<String, List<String>> p : query.entrySet()) {
      for (String value : p.getValue()) {
        if (!TextRules.plain(p.getKey()) || !TextRules.plain(value)) {
          return refuse(
              "query parameter '%s' contains a NUL or other control character"
                  .formatted(p.getKey().replaceAll("\\p{Cntrl}", "?")));
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
