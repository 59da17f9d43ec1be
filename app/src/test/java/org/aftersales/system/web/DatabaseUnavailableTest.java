package org.aftersales.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean "the database cannot be reached" (503, try again) and which are other faults. */
class DatabaseUnavailableTest {

  @Test
  void anUnreachableDatabaseIsRecognisedThroughSpringsAndCamundasWrappers() {
    // Hikari found no connection in time, as Spring JDBC reports it
    assertThat(DatabaseUnavailable.isCause(new CannotGetJdbcConnectionException("no connection",
        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out")))).isTrue();
    // the connection broke inside an engine command (MyBatis inside Camunda)
    assertThat(DatabaseUnavailable.isCause(new ProcessEngineException("engine", new PersistenceException(
        new SQLNonTransientConnectionException("Communications link failure"))))).isTrue();
    // the rollback after such a failure found the connection closed: the failure behind it counts
    TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
        new SQLException("Connection is closed", "08003"));
    rollbackFailed.initApplicationException(new CannotGetJdbcConnectionException("broken",
        new SQLNonTransientConnectionException("Communications link failure")));
    assertThat(DatabaseUnavailable.isCause(rollbackFailed)).isTrue();
  }

  @Test
  void otherDatabaseErrorsAndProgrammingErrorsAreNot() {
    assertThat(DatabaseUnavailable.isCause(new DataIntegrityViolationException("duplicate key",
        new SQLException("Duplicate entry", "23000")))).isFalse();
    assertThat(DatabaseUnavailable.isCause(new ProcessEngineException("Unknown property used in expression"))).isFalse();
    assertThat(DatabaseUnavailable.isCause(new IllegalStateException("bug"))).isFalse();
  }
}
