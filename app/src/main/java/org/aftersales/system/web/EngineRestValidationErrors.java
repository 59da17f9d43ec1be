package org.aftersales.system.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * A form that fails our checks when a task completes (a task listener throws {@link NotValidException})
 * is bad input, not a server fault: Camunda's REST API would answer 500, this answers 400 with the
 * message, which Tasklist shows next to the form. One caused by an unreachable database is a 503
 * ({@link EngineRestDatabaseUnavailable}).
 */
@Component
public class EngineRestValidationErrors implements ResourceConfigCustomizer {

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(Mapper.class, 1);
  }

  /** Maps REST errors caused by a failed check to 400; everything else as Camunda does. */
  @Priority(1)
  public static class Mapper implements ExceptionMapper<RestException> {
    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
        if (cause instanceof NotValidException invalid) {
          return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
              .entity(Map.of("type", "InvalidRequestException", "message", invalid.getMessage(), "code", 0)).build();
        }
      }
      if (org.aftersales.system.web.DatabaseUnavailable.isCause(exception)) {
        return EngineRestDatabaseUnavailable.unavailable();
      }
      return camunda.toResponse(exception);
    }
  }
}
