package org.aftersales.system.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST API answers an engine error 500 with the driver's message, also when the database is merely
 * restarting. Tasklist and other clients should instead be told to try again: this answers such errors 503
 * {@code application/problem+json} with {@code Retry-After}, as the rest of the application does
 * ({@link org.aftersales.system.web.DatabaseUnavailableFilter}); every other engine error as Camunda does.
 */
@Component
public class EngineRestDatabaseUnavailable implements ResourceConfigCustomizer {

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(Mapper.class, 1);
  }

  /** A 503 problem for an engine error caused by an unreachable database. */
  static Response unavailable() {
    return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "5")
        .type("application/problem+json")
        .entity("{\"type\":\"about:blank\",\"title\":\"Temporarily unavailable\",\"status\":503,\"detail\":\""
            + DatabaseUnavailable.DETAIL + "\"}")
        .build();
  }

  /** Maps engine errors caused by an unreachable database to 503; everything else as Camunda does. */
  @Priority(1)
  public static class Mapper implements ExceptionMapper<ProcessEngineException> {
    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
      return DatabaseUnavailable.isCause(exception) ? unavailable() : camunda.toResponse(exception);
    }
  }
}
