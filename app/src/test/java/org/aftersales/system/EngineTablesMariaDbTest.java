package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.aftersales.Isolated;
import org.aftersales.MariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The mysql profile's database settings of issue 21 on MariaDB through Connector/J, on an empty database: the
 * driver's statement cache is on with room for Camunda's statements even when the URL does not ask for it, and the
 * index on ACT_RU_JOB(DUEDATE_) and the report indexes exist after the first start.
 */
@Isolated
@ExtendWith(MariaDb.class)
@ActiveProfiles("mysql")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EngineTablesMariaDbTest {

  static final String DATABASE = "aftersales_issue21_test";

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    MariaDb.recreate(DATABASE);
    // a URL as an operator might give it, without the statement cache
    registry.add("AFTERSALES_DB_URL", () -> MariaDb.url(DATABASE).replace(MariaDb.STATEMENT_CACHE, ""));
    registry.add("AFTERSALES_DB_USER", () -> MariaDb.USER);
    registry.add("AFTERSALES_DB_PASSWORD", () -> MariaDb.PASSWORD);
    registry.add("AFTERSALES_ADMIN_USER", () -> "opsadmin");
    registry.add("AFTERSALES_ADMIN_PASSWORD", () -> "Str0ng!Secret-2026");
  }

  @Autowired DataSource dataSource;

  @Test
  void theDriverCachesCamundasStatementsWhateverTheUrlSays() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      PropertySet properties = connection.unwrap(JdbcConnection.class).getPropertySet();

      assertThat(properties.getBooleanProperty(PropertyKey.cachePrepStmts).getValue()).isTrue();
      assertThat(properties.getIntegerProperty(PropertyKey.prepStmtCacheSize).getValue()).isEqualTo(500);
      assertThat(properties.getIntegerProperty(PropertyKey.prepStmtCacheSqlLimit).getValue()).isEqualTo(16384);
      assertThat(properties.getBooleanProperty(PropertyKey.useServerPrepStmts).getValue()).isTrue();
      assertThat(properties.getBooleanProperty(PropertyKey.cacheResultSetMetadata).getValue())
          .as("result columns are decoded anyway with server-side statements: the cache saves nothing").isFalse();
      assertThat(properties.getBooleanProperty(PropertyKey.rewriteBatchedStatements).getValue()).isFalse();
      assertThat(properties.getProperty(PropertyKey.openTelemetry).getStringValue()).isEqualToIgnoringCase("DISABLED");
      assertThat(properties.getBooleanProperty(PropertyKey.sendFractionalSeconds).getValue()).isFalse();
    }
  }

  @Test
  void statementsArePreparedOnTheServerAndTimesStillLoseTheirFractionsUnrounded() throws SQLException {
    // issue 21: server-side prepared statements send values in binary; Camunda on MySQL needs times without
    // fractional seconds, truncated (a rounded-up time lies in the future), in that protocol too
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TEMPORARY TABLE t_issue21 (at DATETIME)");
      try (var insert = connection.prepareStatement("INSERT INTO t_issue21 (at) VALUES (?)")) {
        assertThat(insert.isWrapperFor(com.mysql.cj.jdbc.ServerPreparedStatement.class)).isTrue();
        insert.setTimestamp(1, java.sql.Timestamp.valueOf("2026-12-06 10:15:30.999"));
        insert.executeUpdate();
      }
      try (var read = statement.executeQuery("SELECT DATE_FORMAT(at, '%s.%f') FROM t_issue21")) {
        assertThat(read.next()).isTrue();
        assertThat(read.getString(1)).as("seconds, whatever the zone").isEqualTo("30.000000");
      }
    }
  }

  @Test
  void theJobTableHasItsDueDateIndexOnceAndGetsItBackWhenLost() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(JobDueDateIndex.exists(connection)).isTrue();

      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP INDEX " + JobDueDateIndex.NAME + " ON " + JobDueDateIndex.TABLE);
      }
      assertThat(JobDueDateIndex.exists(connection)).isFalse();
      assertThat(JobDueDateIndex.ensure(connection)).isTrue();
      assertThat(JobDueDateIndex.ensure(connection)).isTrue();

      assertThat(JobDueDateIndex.indexesStartingWith(connection, "ACT_RU_JOB", "DUEDATE_")).isOne();
    }
  }

  @Test
  void theReportsHaveTheirIndexes() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      assertThat(JobDueDateIndex.indexesStartingWith(connection, "as_case", "opened_at")).isOne();
      assertThat(JobDueDateIndex.indexesStartingWith(connection, "as_refund", "status")).isOne();
      assertThat(JobDueDateIndex.indexesStartingWith(connection, "as_charge", "requested_at")).isOne();
    }
  }
}
