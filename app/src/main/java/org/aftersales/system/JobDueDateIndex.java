package org.aftersales.system;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * An index of ours on the engine's job table, {@code ACT_RU_JOB(DUEDATE_)}: job acquisition asks for the jobs that
 * are due several times a second, and every closed case leaves its follow-up timer in that table for days, so
 * without the index each acquisition reads the whole table (issue 21: 29 pages at 968 pending timers, 809 at 21,000).
 *
 * <p>Flyway's migration {@code V23} makes it on a database that already has the engine's tables. On an empty database
 * Flyway runs before the engine has created its schema, and an engine upgrade may rebuild the table, so the index is
 * also checked on every start, after the engine has created or updated its schema (one metadata query) and made
 * again when it is missing. Creating it is idempotent: an index of any name that starts with {@code DUEDATE_} counts,
 * and a node that loses the race to another starting node finds the other's index. H2, MySQL and MariaDB alike.
 */
@Component
public class JobDueDateIndex extends AfterSchemaStartup {

  static final String NAME = "AS_IDX_JOB_DUEDATE";
  static final String TABLE = "ACT_RU_JOB";
  static final String COLUMN = "DUEDATE_";
  private static final Logger LOG = LoggerFactory.getLogger(JobDueDateIndex.class);

  public JobDueDateIndex(DataSource dataSource, ObjectProvider<ProcessEngine> engine, ObjectProvider<Flyway> flyway) {
    super(dataSource, engine, flyway);
  }

  @Override
  protected void run(Connection connection) throws SQLException {
    ensure(connection);
  }

  @Override
  protected String what() {
    return "check the index on " + TABLE + "(" + COLUMN + ")";
  }

  /**
   * Makes the index unless the table is not there yet (the engine will make it, and the next check the index) or it
   * has one already. Returns whether the table has the index afterwards.
   */
  public static boolean ensure(Connection connection) throws SQLException {
    if (!tableExists(connection)) {
      return false;
    }
    if (exists(connection)) {
      return true;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE INDEX " + NAME + " ON " + TABLE + " (" + COLUMN + ")");
      LOG.info("Index {} on {}({}) created", NAME, TABLE, COLUMN);
    } catch (SQLException e) {
      if (!exists(connection)) {
        throw e;
      }
      // another node starting at the same time made it
    }
    return true;
  }

  /** Whether {@code ACT_RU_JOB} has an index whose first column is {@code DUEDATE_}. */
  public static boolean exists(Connection connection) throws SQLException {
    return indexesStartingWith(connection, table(connection.getMetaData()), COLUMN) > 0;
  }

  /** How many indexes of a table (named as the database's metadata spells it) have this first column. */
  public static long indexesStartingWith(Connection connection, String table, String column) throws SQLException {
    long count = 0;
    try (ResultSet rows = connection.getMetaData().getIndexInfo(connection.getCatalog(), connection.getSchema(), table,
        false, false)) {
      while (rows.next()) {
        if (rows.getShort("ORDINAL_POSITION") == 1 && column.equalsIgnoreCase(rows.getString("COLUMN_NAME"))) {
          count++;
        }
      }
    }
    return count;
  }

  private static boolean tableExists(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    try (ResultSet rows = meta.getTables(connection.getCatalog(), connection.getSchema(), table(meta), null)) {
      return rows.next();
    }
  }

  /** The table's name as the database's metadata spells it (Camunda creates upper-case names everywhere). */
  private static String table(DatabaseMetaData meta) throws SQLException {
    return meta.storesLowerCaseIdentifiers() ? TABLE.toLowerCase(Locale.ROOT) : TABLE;
  }
}
