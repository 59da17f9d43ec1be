package org.aftersales.system;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Work on the database at start-up that must come after both the engine and Flyway have made or updated their
 * tables ({@link Utf8mb4Tables}, {@link JobDueDateIndex}): it runs once every singleton exists, on one connection.
 */
public abstract class AfterSchemaStartup implements SmartInitializingSingleton {

  private final DataSource dataSource;
  private final ObjectProvider<ProcessEngine> engine;
  private final ObjectProvider<Flyway> flyway;

  protected AfterSchemaStartup(DataSource dataSource, ObjectProvider<ProcessEngine> engine,
      ObjectProvider<Flyway> flyway) {
    this.dataSource = dataSource;
    this.engine = engine;
    this.flyway = flyway;
  }

  /** The work, on a connection of the application's pool. */
  protected abstract void run(Connection connection) throws SQLException;

  /** What the work does, for the error that stops the start when it fails ("convert ... to utf8mb4"). */
  protected abstract String what();

  @Override
  public void afterSingletonsInstantiated() {
    // both have made their tables by now (they are singletons); asked for here only to make that explicit
    engine.getIfAvailable();
    flyway.getIfAvailable();
    try (Connection connection = dataSource.getConnection()) {
      run(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot " + what() + ": " + e.getMessage(), e);
    }
  }
}
