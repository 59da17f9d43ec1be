package org.aftersales.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * What the database itself can commit: threads inserting one row and committing, in a loop, on the application's own
 * connection pool (same driver, same settings). The engine's commits per second are set against this figure: a flow
 * that commits nearly as often as this loop is bound by the database's commits, not by the engine or our code.
 */
public final class RawCommitLoop {

  static final String TABLE = "bench_raw_commit";

  private final DataSource pool;

  public RawCommitLoop(DataSource pool) {
    this.pool = pool;
  }

  /** Commits from {@code threads} threads for {@code duration}, or {@code perThread} rows each when above 0. */
  public Result run(int threads, Duration duration, int perThread) throws InterruptedException {
    prepare();
    AtomicBoolean on = new AtomicBoolean(true);
    LongAdder commits = new LongAdder();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> running = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      long base = (t + 1) * 1_000_000_000L;
      Thread thread = new Thread(() -> {
        try (Connection connection = pool.getConnection()) {
          connection.setAutoCommit(false);
          try (PreparedStatement insert = connection.prepareStatement(
              "INSERT INTO " + TABLE + " (id, payload) VALUES (?, ?)")) {
            for (long i = 0; perThread > 0 ? i < perThread : on.get(); i++) {
              insert.setLong(1, base + i);
              insert.setString(2, "row " + i);
              insert.executeUpdate();
              connection.commit();
              commits.increment();
            }
          } finally {
            connection.setAutoCommit(true);
          }
        } catch (SQLException | RuntimeException e) {
          failures.add(e);
        }
      }, "bench-raw-" + t);
      running.add(thread);
      thread.start();
    }
    if (perThread == 0) {
      Thread.sleep(duration.toMillis());
      on.set(false);
    }
    for (Thread thread : running) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!failures.isEmpty()) {
      throw new IllegalStateException("Raw commit loop failed: " + failures.get(0), failures.get(0));
    }
    return new Result(threads, commits.sum(), seconds, commits.sum() / seconds, rows());
  }

  /** Rows in the table now: as many as were committed. */
  public long rows() {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
        var result = statement.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count " + TABLE, e);
    }
  }

  private void prepare() {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id BIGINT NOT NULL PRIMARY KEY, payload VARCHAR(64) NOT NULL)");
      statement.execute("DELETE FROM " + TABLE);
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot prepare " + TABLE, e);
    }
  }

  /** Commits per second from {@code threads} threads; {@code rows} as counted in the table afterwards. */
  public record Result(int threads, long commits, double seconds, double commitsPerSecond, long rows) {}
}
