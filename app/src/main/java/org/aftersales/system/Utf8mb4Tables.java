package org.aftersales.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * On MySQL and MariaDB every table of the application's database holds full Unicode (utf8mb4), so that any text a
 * customer or staff member types (Chinese, emoji) is stored intact. Camunda's DDL for MySQL creates its tables with
 * {@code DEFAULT CHARSET=utf8} (3-byte utf8mb3, which rejects emoji), and a database created with another default
 * gives our own tables that default. So after the engine has created or checked its schema and Flyway has migrated
 * ours, and before the server takes requests or the job executor runs, every table with a column that is not
 * utf8mb4 is converted to {@code utf8mb4_bin} (binary comparison, as Camunda's {@code utf8_bin}), and the
 * database's default becomes utf8mb4 for tables created later. That covers a new database, one made by an earlier
 * release, and tables a later engine version adds. When nothing needs converting this is one query.
 */
@Component
public class Utf8mb4Tables extends AfterSchemaStartup {

  private static final Logger LOG = LoggerFactory.getLogger(Utf8mb4Tables.class);
  static final String COLLATION = "utf8mb4_bin";

  public Utf8mb4Tables(DataSource dataSource, ObjectProvider<ProcessEngine> engine, ObjectProvider<Flyway> flyway) {
    super(dataSource, engine, flyway);
  }

  @Override
  protected void run(Connection connection) throws SQLException {
    if (connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).matches(".*(mysql|mariadb).*")) {
      convert(connection);
    }
  }

  @Override
  protected String what() {
    return "convert the database's tables to utf8mb4";
  }

  /** The tables of the current database that have a text column not in utf8mb4. */
  public static List<String> tablesNotInUtf8mb4(Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT DISTINCT c.TABLE_NAME FROM information_schema.COLUMNS c "
            + "JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
            + "WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' "
            + "AND c.CHARACTER_SET_NAME IS NOT NULL AND c.CHARACTER_SET_NAME <> 'utf8mb4' ORDER BY c.TABLE_NAME")) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    return tables;
  }

  private static void convert(Connection connection) throws SQLException {
    List<String> tables = tablesNotInUtf8mb4(connection);
    try (Statement statement = connection.createStatement()) {
      try (ResultSet database = statement.executeQuery("SELECT DEFAULT_CHARACTER_SET_NAME FROM "
          + "information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()")) {
        if (database.next() && !"utf8mb4".equals(database.getString(1))) {
          statement.execute("ALTER DATABASE CHARACTER SET utf8mb4 COLLATE " + COLLATION);
        }
      }
      if (tables.isEmpty()) {
        return;
      }
      LOG.info("Converting {} tables to utf8mb4 (full Unicode): {}", tables.size(), tables);
      // MariaDB refuses to change a column in a foreign key even without checks: such keys are dropped for the
      // conversion and added again as they were (logged first, so that an interrupted conversion can be repaired)
      List<ForeignKey> keys = foreignKeys(connection, tables);
      LOG.info("Foreign keys dropped and added again around the conversion: {}", keys);
      statement.execute("SET SESSION foreign_key_checks = 0");
      try {
        for (ForeignKey key : keys) {
          statement.execute("ALTER TABLE " + quote(key.table()) + " DROP FOREIGN KEY " + quote(key.name()));
        }
        for (String table : tables) {
          statement.execute("ALTER TABLE " + quote(table) + " CONVERT TO CHARACTER SET utf8mb4 COLLATE " + COLLATION);
        }
        for (ForeignKey key : keys) {
          statement.execute(key.addStatement());
        }
      } finally {
        statement.execute("SET SESSION foreign_key_checks = 1");
      }
      LOG.info("Converted {} tables to utf8mb4", tables.size());
    }
  }

  /** A foreign key as information_schema describes it. */
  record ForeignKey(String table, String name, List<String> columns, String referencedTable,
      List<String> referencedColumns, String onUpdate, String onDelete) {

    String addStatement() {
      return "ALTER TABLE " + quote(table) + " ADD CONSTRAINT " + quote(name) + " FOREIGN KEY ("
          + String.join(", ", columns.stream().map(Utf8mb4Tables::quote).toList()) + ") REFERENCES "
          + quote(referencedTable) + " (" + String.join(", ", referencedColumns.stream().map(Utf8mb4Tables::quote).toList())
          + ") ON UPDATE " + onUpdate + " ON DELETE " + onDelete;
    }

    @Override
    public String toString() {
      return addStatement();
    }
  }

  /** The foreign keys of the current database from or to one of the tables. */
  private static List<ForeignKey> foreignKeys(Connection connection, List<String> tables) throws SQLException {
    Map<String, ForeignKey> keys = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, "
            + "k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE "
            + "FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
            + "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME "
            + "AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME WHERE k.TABLE_SCHEMA = DATABASE() "
            + "AND k.REFERENCED_TABLE_NAME IS NOT NULL ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
      while (rows.next()) {
        String table = rows.getString(1);
        String referenced = rows.getString(4);
        if (!tables.contains(table) && !tables.contains(referenced)) {
          continue;
        }
        String name = rows.getString(2);
        ForeignKey key = keys.get(table + "." + name);
        if (key == null) {
          key = new ForeignKey(table, name, new ArrayList<>(), referenced, new ArrayList<>(), rows.getString(6),
              rows.getString(7));
          keys.put(table + "." + name, key);
        }
        key.columns().add(rows.getString(3));
        key.referencedColumns().add(rows.getString(5));
      }
    }
    return new ArrayList<>(keys.values());
  }

  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }
}
