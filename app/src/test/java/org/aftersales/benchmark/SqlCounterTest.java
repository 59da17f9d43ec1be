package org.aftersales.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The benchmark's counting: on, every statement and commit is counted; off, connections are the pool's own. */
class SqlCounterTest {

  @Test
  void countsWhileOnAndHandsOutUnwrappedConnectionsWhileOff() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:sqlcounter;DB_CLOSE_DELAY=-1");
    SqlCounter counter = new SqlCounter();
    DataSource counted = counter.wrap(h2);

    run(counted, "CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1)");
    SqlCounter.Snapshot on = counter.snapshot();
    assertThat(on.statements()).isEqualTo(2);
    assertThat(on.commits()).isEqualTo(1);

    counter.counting(false);
    try (Connection raw = counted.getConnection()) {
      assertThat(java.lang.reflect.Proxy.isProxyClass(raw.getClass())).as("not wrapped").isFalse();
    }
    run(counted, "INSERT INTO t VALUES (2)", "INSERT INTO t VALUES (3)");
    assertThat(counter.snapshot()).isEqualTo(on);

    counter.counting(true);
    run(counted, "INSERT INTO t VALUES (4)");
    assertThat(counter.snapshot().minus(on).statements()).isEqualTo(1);
  }

  private static void run(DataSource dataSource, String... sql) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        for (String s : sql) {
          statement.execute(s);
        }
      }
      connection.commit();
    }
  }
}
