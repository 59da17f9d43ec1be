package org.aftersales;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The MySQL-protocol server the tests use: the MariaDB on 127.0.0.1:3306 (root, empty password) unless
 * AFTERSALES_TEST_DB_HOST, _PORT, _USER, _PASSWORD say otherwise. Reached through MySQL Connector/J, as in
 * production. Tests that need it are skipped with a message when no server answers, unless
 * AFTERSALES_TEST_REQUIRE_DB=true (as in CI), where they fail instead.
 */
public final class MariaDb implements ExecutionCondition {

  public static final String HOST = env("AFTERSALES_TEST_DB_HOST", "127.0.0.1");
  public static final String PORT = env("AFTERSALES_TEST_DB_PORT", "3306");
  public static final String USER = env("AFTERSALES_TEST_DB_USER", "root");
  public static final String PASSWORD = env("AFTERSALES_TEST_DB_PASSWORD", "");

  /** Connector/J's statement cache as application-mysql.properties sets it (issue 21). */
  public static final String STATEMENT_CACHE = "&cachePrepStmts=true&prepStmtCacheSize=500&prepStmtCacheSqlLimit=16384";

  /** The JDBC URL of a database on the test server, as the mysql profile would be given it. */
  public static String url(String database) {
    return "jdbc:mysql://" + HOST + ":" + PORT + "/" + database
        + "?sendFractionalSeconds=false&characterEncoding=UTF-8&connectionTimeZone=UTC&connectTimeout=5000"
        + STATEMENT_CACHE;
  }

  /** Drops and creates a database, so each run starts on an empty one (as a first start in production). */
  public static void recreate(String database) {
    create(database, true);
  }

  /** Creates a database unless it exists ({@code afresh}: drops it first). */
  public static void create(String database, boolean afresh) {
    try (Connection connection = DriverManager.getConnection(url(""), USER, PASSWORD);
        Statement statement = connection.createStatement()) {
      if (afresh) {
        statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
      }
      statement.execute("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + database + " on " + HOST + ":" + PORT, e);
    }
  }

  /** Points a test application's mysql profile at a fresh database of its own, with a first administrator. */
  public static void useFreshDatabase(DynamicPropertyRegistry registry, String database, String admin, String password) {
    recreate(database);
    registry.add("AFTERSALES_DB_URL", () -> url(database));
    registry.add("AFTERSALES_DB_USER", () -> USER);
    registry.add("AFTERSALES_DB_PASSWORD", () -> PASSWORD);
    registry.add("AFTERSALES_ADMIN_USER", () -> admin);
    registry.add("AFTERSALES_ADMIN_PASSWORD", () -> password);
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    try (Connection connection = DriverManager.getConnection(url(""), USER, PASSWORD)) {
      return ConditionEvaluationResult.enabled("MySQL-protocol server " + connection.getMetaData().getDatabaseProductVersion()
          + " at " + HOST + ":" + PORT);
    } catch (SQLException e) {
      String message = "SKIPPED: no MySQL/MariaDB server reachable at " + HOST + ":" + PORT + " as " + USER + " ("
          + e.getMessage() + "). Start MariaDB (see README) or set AFTERSALES_TEST_DB_HOST/_PORT/_USER/_PASSWORD.";
      if (Boolean.parseBoolean(System.getenv("AFTERSALES_TEST_REQUIRE_DB"))) {
        throw new IllegalStateException(message.replace("SKIPPED", "REQUIRED"), e);
      }
      System.err.println(message);
      return ConditionEvaluationResult.disabled(message);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
