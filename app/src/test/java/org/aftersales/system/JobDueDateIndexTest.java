package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.aftersales.AfterSalesIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Our index on the engine's ACT_RU_JOB(DUEDATE_) (issue 21) on the embedded default (H2): there after the first start
 * on an empty database (Flyway ran before the engine made its tables), made again when an engine upgrade lost it,
 * never twice; and the report indexes of V24.
 */
@AfterSalesIntegrationTest
class JobDueDateIndexTest {

  @Autowired DataSource dataSource;

  @Test
  void theIndexIsThereAfterTheFirstStartAndComesBackWhenLost() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(JobDueDateIndex.exists(connection)).isTrue();

      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP INDEX " + JobDueDateIndex.NAME);
      }
      assertThat(JobDueDateIndex.exists(connection)).isFalse();

      assertThat(JobDueDateIndex.ensure(connection)).isTrue();
      assertThat(JobDueDateIndex.ensure(connection)).isTrue();
      assertThat(JobDueDateIndex.indexesStartingWith(connection, "ACT_RU_JOB", "DUEDATE_")).isOne();
    }
  }

  @Test
  void withoutTheEngineTablesNothingIsMade() throws SQLException {
    try (Connection empty = DriverManager.getConnection("jdbc:h2:mem:no-engine-tables")) {
      assertThat(JobDueDateIndex.ensure(empty)).isFalse();
    }
  }

  @Test
  void theReportsHaveTheirIndexes() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(JobDueDateIndex.indexesStartingWith(connection, "AS_CASE", "OPENED_AT")).isOne();
      assertThat(JobDueDateIndex.indexesStartingWith(connection, "AS_REFUND", "REQUESTED_AT")).isOne();
      assertThat(JobDueDateIndex.indexesStartingWith(connection, "AS_REFUND", "STATUS")).isOne();
      assertThat(JobDueDateIndex.indexesStartingWith(connection, "AS_CHARGE", "REQUESTED_AT")).isOne();
      assertThat(JobDueDateIndex.indexesStartingWith(connection, "AS_CHARGE", "STATUS")).isOne();
    }
  }
}
