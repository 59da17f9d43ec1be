package org.aftersales.benchmark;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the database with finished cases for the growth run: copies of a few real cases that went through the full
 * flow (the seed), row for row, until the database holds {@code target} of them. Copied are everything the seed left
 * in the engine's history (every {@code ACT_HI_*} row of their process trees, decisions and job log included), the
 * follow-up timers they left in {@code ACT_RU_JOB} (due days later, as in production: acquisition scans them), and
 * their case records ({@code as_case}, items and timeline). Each copy gets ids of its own: an engine id (64
 * characters at most, ending in a time-based UUID whose last characters are the same for every id the engine made) has
 * its last five characters replaced by the copy's {@link #tag}, a case id (and business key) gets {@code -tag} after
 * it; definitions, users and byte arrays are shared. Statements go past the statement counter (the application's pool).
 */
public final class GrowthFill {

  private static final Logger log = LoggerFactory.getLogger(GrowthFill.class);

  /** Columns ending in ID_ that name something shared (a definition, a user, an element), not an instance. */
  static final Set<String> SHARED = Set.of("TENANT_ID_", "PROC_DEF_ID_", "PROCESS_DEF_ID_", "CASE_DEF_ID_",
      "DEC_DEF_ID_", "DEC_REQ_ID_", "DECISION_DEF_ID_", "USER_ID_", "GROUP_ID_", "START_USER_ID_", "CREATE_USER_ID_",
      "ASSIGNER_ID_", "ACT_ID_", "ACTIVITY_ID_", "START_ACT_ID_", "END_ACT_ID_", "FAILED_ACT_ID_",
      "FAILED_ACTIVITY_ID_", "CLAUSE_ID_", "RULE_ID_", "JOB_DEF_ID_", "SEED_JOB_DEF_ID_", "MONITOR_JOB_DEF_ID_",
      "BATCH_JOB_DEF_ID_", "DEPLOYMENT_ID_", "BYTEARRAY_ID_", "CONTENT_ID_", "ERROR_DETAILS_ID_",
      "JOB_EXCEPTION_STACK_ID_", "EXCEPTION_STACK_ID_", "WORKER_ID_");

  private final DataSource pool;

  public GrowthFill(DataSource pool) {
    this.pool = pool;
  }

  /** Copies the seed cases (business keys) until {@code target} cases exist; returns how many copies were made. */
  public long fill(Collection<String> seedCases, long target) throws SQLException {
    if (seedCases.isEmpty() || target <= seedCases.size()) {
      return 0;
    }
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      List<String> roots = query(connection, "SELECT DISTINCT ROOT_PROC_INST_ID_ FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ IN ("
          + quoted(seedCases) + ")");
      List<Table> tables = tables(connection);
      long copies = (target - seedCases.size() + seedCases.size() - 1) / seedCases.size();
      long started = System.nanoTime();
      for (long n = 1; n <= copies; n++) {
        try (Statement statement = connection.createStatement()) {
          for (Table table : tables) {
            statement.execute(table.copy(tag(n), table.name().startsWith("as_") ? quoted(seedCases) : quoted(roots)));
          }
        }
        connection.commit();
        if (n % 500 == 0) {
          log.info("Growth: {} of {} copies of {} cases ({} s)", n, copies, seedCases.size(),
              (System.nanoTime() - started) / 1_000_000_000);
        }
      }
      return copies;
    }
  }

  /** What copy {@code n} (from 1) puts into its ids: {@code g} and four base-36 digits, never a hexadecimal digit. */
  public static String tag(long n) {
    String digits = Long.toString(n, 36);
    if (digits.length() > 4) {
      throw new IllegalArgumentException("At most " + (36L * 36 * 36 * 36 - 1) + " copies, not " + n);
    }
    return "g" + "0".repeat(4 - digits.length()) + digits;
  }

  /**
   * One table to copy: its columns, the engine ids among them (last five characters replaced), the case ids (tag
   * appended), and which rows belong to the seed.
   */
  record Table(String name, List<String> columns, Set<String> engineIds, Set<String> caseIds, String seedColumn,
      String extraFilter) {

    String copy(String tag, String seed) {
      String select = columns.stream().map(c -> engineIds.contains(c)
          ? "CASE WHEN " + c + " IS NULL THEN NULL WHEN CHAR_LENGTH(" + c + ") > 12 THEN CONCAT(LEFT(" + c
              + ", CHAR_LENGTH(" + c + ") - 5), '" + tag + "') ELSE CONCAT(" + c + ", '" + tag + "') END"
          : caseIds.contains(c) ? "CASE WHEN " + c + " IS NULL THEN NULL ELSE CONCAT(" + c + ", '-" + tag + "') END" : c)
          .collect(Collectors.joining(", "));
      return "INSERT INTO " + name + " (" + String.join(", ", columns) + ") SELECT " + select + " FROM " + name
          + " WHERE " + seedColumn + " IN (" + seed + ")" + extraFilter;
    }
  }

  private static List<Table> tables(Connection connection) throws SQLException {
    List<Table> tables = new ArrayList<>();
    DatabaseMetaData meta = connection.getMetaData();
    List<String> history = new ArrayList<>();
    try (ResultSet rows = meta.getTables(connection.getCatalog(), connection.getSchema(), "ACT_HI_%", new String[] {"TABLE"})) {
      while (rows.next()) {
        history.add(rows.getString("TABLE_NAME"));
      }
    }
    for (String name : history) {
      List<String> columns = columns(meta, connection, name);
      if (columns.contains("ROOT_PROC_INST_ID_")) {
        tables.add(new Table(name, columns, engineIds(columns), caseIds(columns), "ROOT_PROC_INST_ID_", ""));
      }
    }
    List<String> jobs = columns(meta, connection, "ACT_RU_JOB");
    tables.add(new Table("ACT_RU_JOB", jobs, engineIds(jobs), Set.of(), "ROOT_PROC_INST_ID_", " AND TYPE_ = 'timer'"));
    Set<String> caseId = Set.of("case_id");
    tables.add(new Table("as_case", columns(meta, connection, "as_case"), Set.of(), caseId, "case_id", ""));
    tables.add(new Table("as_case_item", columns(meta, connection, "as_case_item"), Set.of(), caseId, "case_id", ""));
    List<String> events = new ArrayList<>(columns(meta, connection, "as_case_event"));
    events.removeIf(c -> c.equalsIgnoreCase("event_id")); // numbered by the database
    tables.add(new Table("as_case_event", events, Set.of(), caseId, "case_id", ""));
    return tables;
  }

  /** The columns that hold an instance's id. */
  private static Set<String> engineIds(List<String> columns) {
    return columns.stream().filter(c -> c.endsWith("ID_") && !SHARED.contains(c)).collect(Collectors.toSet());
  }

  /** The engine's columns that hold a case id: the business key. */
  private static Set<String> caseIds(List<String> columns) {
    return columns.contains("BUSINESS_KEY_") ? Set.of("BUSINESS_KEY_") : Set.of();
  }

  private static List<String> columns(DatabaseMetaData meta, Connection connection, String table) throws SQLException {
    String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
    List<String> columns = new ArrayList<>();
    try (ResultSet rows = meta.getColumns(connection.getCatalog(), connection.getSchema(), name, null)) {
      while (rows.next()) {
        String column = rows.getString("COLUMN_NAME");
        columns.add(table.startsWith("as_") ? column.toLowerCase(Locale.ROOT) : column);
      }
    }
    if (columns.isEmpty()) {
      throw new IllegalStateException("No table " + table + " to copy");
    }
    return columns;
  }

  private static List<String> query(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static String quoted(Collection<String> values) {
    return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(", "));
  }
}
