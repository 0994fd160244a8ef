package io.frontdesk.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.frontdesk.database.DatabaseOutage;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps failures to clear JSON answers: 4xx with a reason for bad input, never a stack trace. */
public class ErrorMappers {

  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  /**
   * The error a client is told for a failure, for channels that cannot answer with a status (an
   * event stream whose headers are sent): the same code and reason as the HTTP answer.
   */
  public static ApiError describe(Throwable e) {
    return switch (e) {
      case NotFound n -> new ApiError("not_found", n.getMessage());
      case Unauthenticated u -> new ApiError("unauthenticated", u.getMessage());
      case Conflict c -> new ApiError("conflict", c.getMessage());
      case Unavailable u -> new ApiError("unavailable", u.getMessage());
      case TooManyRequests t -> new ApiError(t.code(), t.getMessage());
      case BadRequest b -> new ApiError("invalid_request", b.getMessage());
      // a lost database connection is an outage, not a defect: logged once per outage (database)
      case Throwable t when DatabaseOutage.explains(t) ->
          new ApiError("unavailable", DatabaseOutage.MESSAGE);
      default -> {
        LOG.error("Unhandled failure", e);
        yield new ApiError("internal_error", "the request could not be completed; it was logged");
      }
    };
  }

  @ServerExceptionMapper
  public Response notFound(NotFound e) {
    return answer(404, describe(e));
  }

  @ServerExceptionMapper
  public Response unauthenticated(Unauthenticated e) {
    return answer(401, describe(e));
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e) {
    return answer(401, "unauthenticated", "a valid bearer token is required");
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e) {
    String reason = e.getMessage() == null ? "the token could not be verified" : e.getMessage();
    return answer(401, "unauthenticated", reason);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return answer(403, "forbidden", "this caller's role may not use this endpoint");
  }

  @ServerExceptionMapper
  public Response conflict(Conflict e) {
    return answer(409, describe(e));
  }

  @ServerExceptionMapper
  public Response unavailable(Unavailable e) {
    // during a database outage (logged once) a 503 is what every request gets
    if (!DatabaseOutage.explains(e) && !DatabaseOutage.isDown()) {
      LOG.warnf("Unavailable: %s (%s)", e.getMessage(), String.valueOf(e.getCause()));
    }
    return retryLater(describe(e));
  }

  @ServerExceptionMapper
  public Response tooMany(TooManyRequests e) {
    return Response.status(429)
        .type(MediaType.APPLICATION_JSON)
        .header("Retry-After", e.retryAfterSeconds())
        .entity(describe(e))
        .build();
  }

  @ServerExceptionMapper
  public Response badRequest(BadRequest e) {
    return answer(400, describe(e));
  }

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e) {
    String reason =
        e.getConstraintViolations().stream()
            .map(v -> lastNode(v.getPropertyPath().toString()) + " " + v.getMessage())
            .sorted()
            .collect(Collectors.joining("; "));
    return answer(400, "invalid_request", reason);
  }

  @ServerExceptionMapper
  public Response unreadable(JsonProcessingException e) {
    return answer(400, "invalid_json", BodyErrors.describe(e));
  }

  /** Ahead of the JSON extension's own mapper, which answers without a body. */
  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e) {
    return answer(400, "invalid_json", BodyErrors.describe(e));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (e instanceof NotFoundException && e.getCause() instanceof IllegalArgumentException bad) {
      // JAX-RS answers 404 when a path or query parameter cannot be converted; it is bad input
      return answer(400, "invalid_request", "a parameter has the wrong type: " + bad.getMessage());
    }
    if (e.getCause() instanceof JsonProcessingException json) {
      // the JSON reader wraps syntax errors in a plain 400
      return answer(400, "invalid_json", BodyErrors.describe(json));
    }
    if (status >= 500) {
      return unexpected(e);
    }
    String reason = e.getMessage() == null ? "request rejected" : e.getMessage();
    return answer(status, "http_" + status, reason);
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e) {
    ApiError error = describe(e);
    return "unavailable".equals(error.error()) ? retryLater(error) : answer(500, error);
  }

  /** 503 with the wait the database outage asks for (a client backs off instead of hammering). */
  private static Response retryLater(ApiError error) {
    return Response.status(503)
        .type(MediaType.APPLICATION_JSON)
        .header("Retry-After", DatabaseOutage.retryAfterSeconds())
        .entity(error)
        .build();
  }

  private static String lastNode(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }

  private static Response answer(int status, String code, String message) {
    return answer(status, new ApiError(code, message));
  }

  private static Response answer(int status, ApiError error) {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
  }
}
