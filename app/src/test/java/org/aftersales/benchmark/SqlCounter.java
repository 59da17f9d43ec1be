package org.aftersales.benchmark;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * Counts what the application sends to the database, for the benchmark's "statements and commits per case": every
 * statement (each one of a JDBC batch counts), every round trip (a batch is one) and every commit: each
 * {@code Connection.commit()}, and each write sent outside a transaction (auto-commit), which commits by itself.
 * It wraps the application's DataSource with datasource-proxy, in benchmark runs only. The benchmark's own
 * bookkeeping (polling for tasks to complete, events to send) runs on threads marked {@link #uncounted()}, so that
 * the figures are what the application does for a case, not what it costs to watch it. Counting costs CPU itself
 * (the proxy around every statement): while it is off ({@link #counting(boolean)}), connections come from the
 * application's pool unwrapped, so that the timed windows measure the application alone.
 */
public final class SqlCounter {

  private static final ThreadLocal<Boolean> UNCOUNTED = ThreadLocal.withInitial(() -> false);
  private static final Pattern TABLE = Pattern.compile(
      "^\\s*(?:(update)\\s+([A-Za-z0-9_$.]+)|(select|insert|delete)\\b.*?\\b(?:into|from)\\s+([A-Za-z0-9_$.]+))",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern THREAD_GROUP = Pattern.compile("[-#]?\\d+$");

  /**
   * With {@code benchmark.breakdown=true}: statements by verb and table, commits by thread group; with
   * {@code benchmark.breakdown=sql} by the statement's text (its first 160 characters) instead of its table.
   */
  private final String breakdownBy = System.getProperty("benchmark.breakdown", "false");
  private final boolean breakdown = breakdownBy.equals("true") || breakdownBy.equals("sql");
  private final Map<String, LongAdder> byTable = new ConcurrentHashMap<>();

  private final LongAdder statements = new LongAdder();
  private final LongAdder roundTrips = new LongAdder();
  private final LongAdder commits = new LongAdder();
  private final LongAdder rollbacks = new LongAdder();
  private volatile boolean counting = true;

  /** Marks the calling thread as the benchmark's own: what it sends is not counted. */
  public static void uncounted() {
    UNCOUNTED.set(true);
  }

  /**
   * Counts from now on (connections taken from now on are counted), or stops counting: connections taken then are the
   * pool's own. A connection taken before keeps being counted, or not, until it goes back to the pool.
   */
  public void counting(boolean on) {
    counting = on;
  }

  /** The application's DataSource, counted while {@link #counting(boolean)} is on. */
  public DataSource wrap(DataSource dataSource) {
    DataSource counted = proxy(dataSource);
    return new org.springframework.jdbc.datasource.DelegatingDataSource(dataSource) {
      @Override
      public Connection getConnection() throws java.sql.SQLException {
        return counting ? counted.getConnection() : dataSource.getConnection();
      }

      @Override
      public Connection getConnection(String username, String password) throws java.sql.SQLException {
        return counting ? counted.getConnection(username, password) : dataSource.getConnection(username, password);
      }
    };
  }

  private DataSource proxy(DataSource dataSource) {
    return ProxyDataSourceBuilder.create(dataSource).name("benchmark")
        .listener(new QueryExecutionListener() {
          @Override
          public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {}

          @Override
          public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
            if (!UNCOUNTED.get()) {
              roundTrips.increment();
              int count = execInfo.isBatch() ? Math.max(1, execInfo.getBatchSize()) : queryInfoList.size();
              statements.add(count);
              if (!queryInfoList.isEmpty() && writesOnItsOwn(execInfo, queryInfoList.get(0).getQuery())) {
                // a write outside a transaction commits by itself: as much a commit as Connection.commit()
                commits.increment();
                if (breakdown) {
                  String thread = THREAD_GROUP.matcher(Thread.currentThread().getName()).replaceAll("");
                  byTable.computeIfAbsent("COMMIT (auto-commit write) on " + thread, k -> new LongAdder()).increment();
                }
              }
              if (breakdown && !queryInfoList.isEmpty()) {
                String sql = queryInfoList.get(0).getQuery();
                String key = breakdownBy.equals("sql") ? sql.replaceAll("\\s+", " ").strip() : key(sql);
                byTable.computeIfAbsent(key.length() > 160 ? key.substring(0, 160) : key, k -> new LongAdder())
                    .add(count);
              }
            }
          }
        })
        .methodListener(new MethodExecutionListener() {
          @Override
          public void beforeMethod(MethodExecutionContext executionContext) {}

          @Override
          public void afterMethod(MethodExecutionContext context) {
            Method method = context.getMethod();
            if (UNCOUNTED.get() || !(context.getTarget() instanceof Connection) || context.getThrown() != null) {
              return;
            }
            if (method.getName().equals("commit") && method.getParameterCount() == 0) {
              commits.increment();
              if (breakdown) {
                String thread = THREAD_GROUP.matcher(Thread.currentThread().getName()).replaceAll("");
                byTable.computeIfAbsent("COMMIT on " + thread, k -> new LongAdder()).increment();
              }
            } else if (method.getName().equals("rollback") && method.getParameterCount() == 0) {
              rollbacks.increment();
            }
          }
        })
        .build();
  }

  private static boolean writesOnItsOwn(ExecutionInfo execInfo, String sql) {
    String verb = sql.stripLeading();
    if (!(verb.regionMatches(true, 0, "insert", 0, 6) || verb.regionMatches(true, 0, "update", 0, 6)
        || verb.regionMatches(true, 0, "delete", 0, 6))) {
      return false;
    }
    try {
      return execInfo.getStatement() != null && execInfo.getStatement().getConnection().getAutoCommit();
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  /** Statements by verb and table and commits by thread group so far (empty without {@code benchmark.breakdown}). */
  public Map<String, Long> breakdown() {
    Map<String, Long> copy = new TreeMap<>();
    byTable.forEach((key, count) -> copy.put(key, count.sum()));
    return copy;
  }

  private static String key(String sql) {
    Matcher m = TABLE.matcher(sql);
    return m.find() ? (m.group(1) != null ? m.group(1) + " " + m.group(2) : m.group(3) + " " + m.group(4))
        .toUpperCase(Locale.ROOT)
        : sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
  }

  /** The counts so far. */
  public Snapshot snapshot() {
    return new Snapshot(statements.sum(), roundTrips.sum(), commits.sum(), rollbacks.sum());
  }

  /** Counts at one moment; {@link #minus} gives those of a window. */
  public record Snapshot(long statements, long roundTrips, long commits, long rollbacks) {
    public Snapshot minus(Snapshot earlier) {
      return new Snapshot(statements - earlier.statements, roundTrips - earlier.roundTrips,
          commits - earlier.commits, rollbacks - earlier.rollbacks);
    }
  }
}
