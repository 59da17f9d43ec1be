package org.aftersales.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLNonTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;

/** Camunda's REST API: an engine error caused by an unreachable database is a 503 problem, others stay Camunda's. */
class EngineRestDatabaseUnavailableTest {

  @Test
  void anEngineErrorFromAnUnreachableDatabaseIsA503Problem() {
    Response response = new EngineRestDatabaseUnavailable.Mapper().toResponse(new ProcessEngineException("engine",
        new PersistenceException(new SQLNonTransientConnectionException("Communications link failure"))));

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
    assertThat(response.getEntity().toString()).contains("Send the same request again").doesNotContain("Exception");
  }

  @Test
  void otherEngineErrorsAreAnsweredAsCamundaDoes() {
    Response engine = new EngineRestDatabaseUnavailable.Mapper().toResponse(new ProcessEngineException("Unknown property"));
    Response rest = new EngineRestValidationErrors.Mapper().toResponse(new RestException("bad"));

    assertThat(engine.getStatus()).isEqualTo(500);
    assertThat(rest.getStatus()).isEqualTo(500);
  }
}
