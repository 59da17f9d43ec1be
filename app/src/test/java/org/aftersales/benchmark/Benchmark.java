package org.aftersales.benchmark;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark matrix: for each database and history level (and, on MariaDB with full history, each settings
 * variant) one application is started, in a JVM of its own unless {@code benchmark.fork=false}, and in it the full
 * flow at its maximum and at half of it, the bare flow at its maximum, and the raw commit loop, one after another. Every run's figures go to the {@link BenchmarkReport}.
 */
public final class Benchmark {

  private static final Logger log = LoggerFactory.getLogger(Benchmark.class);

  private final BenchmarkSettings settings;
  private final BenchmarkReport report;

  public Benchmark(BenchmarkSettings settings) {
    this.settings = settings;
    this.report = new BenchmarkReport(settings);
    String earlier = System.getProperty("benchmark.earlier", "");
    if (!earlier.isBlank()) {
      report.earlier(java.nio.file.Path.of(earlier), System.getProperty("benchmark.earlier-label", "earlier code"));
    }
  }

  public BenchmarkReport run() throws InterruptedException {
    for (String database : settings.databases()) {
      for (String history : settings.historyLevels()) {
        List<String> variants = database.equals("mariadb") && history.equals("full") ? settings.variants()
            : List.of("shipped");
        for (String variant : variants) {
          if (settings.fork()) {
            BenchmarkFork.run(database, history, variant, report);
          } else {
            try (BenchmarkApp app = BenchmarkApp.start(database, history, variant, settings)) {
              report.application(app);
              runAll(app);
            }
          }
          report.write();
        }
      }
    }
    return report;
  }

  private void runAll(BenchmarkApp app) throws InterruptedException {
    if (app.variant().equals("grown")) {
      grow(app, settings);
    }
    for (String flow : settings.flows()) {
      switch (flow) {
        case "full" -> {
          if (!settings.timed()) {
            load(app, new FullFlow(app.port(), app.engine()), "cases", 0);
            continue;
          }
          CaseLoad.Result max = load(app, new FullFlow(app.port(), app.engine()), "max", 0);
          if (!settings.latency().isZero() && max.casesPerSecond() > 0) {
            load(app, new FullFlow(app.port(), app.engine()), "rate", max.casesPerSecond() / 2,
                settings.atRate(settings.latency()));
          }
        }
        case "bare" -> load(app, new BareFlow(app.engine()), settings.timed() ? "max" : "cases", 0);
        case "bare-data" -> load(app, BareFlow.withCaseData(app.engine()), settings.timed() ? "max" : "cases", 0);
        case "raw" -> {
          int threads = rawThreads(app);
          RawCommitLoop.Result raw = new RawCommitLoop(app.pool()).run(threads, settings.rawDuration(), 0);
          log.info("{} raw loop: {} threads, {} commits/s", app.database(), threads, BenchmarkReport.f(raw.commitsPerSecond()));
          report.add(new BenchmarkReport.Row(app.database(), app.history(), app.variant(), "raw", "loop", threads, 0,
              raw.commits(), raw.seconds(), raw.commitsPerSecond(), Double.NaN, Double.NaN, Double.NaN, 1, 1, 1,
              raw.commitsPerSecond(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, ""));
        }
        default -> throw new IllegalArgumentException("Unknown flow " + flow);
      }
    }
  }

  /**
   * Variant {@code grown}: {@code growth-seed} cases through the full flow, then copied ({@link GrowthFill}) until the
   * database holds {@code growth-cases} finished cases. Neither is measured.
   */
  static long grow(BenchmarkApp app, BenchmarkSettings settings) throws InterruptedException {
    if (keepsGrowth()) {
      long finished = new org.springframework.jdbc.core.JdbcTemplate(app.pool())
          .queryForObject("SELECT COUNT(*) FROM as_case WHERE status = 'CLOSED'", Long.class);
      if (finished >= settings.growthCases()) {
        log.info("{}/{}/{}: kept the database of an earlier growth run, {} finished cases", app.database(),
            app.history(), app.variant(), finished);
        return 0;
      }
    }
    java.util.Set<String> seed;
    try (CaseLoad load = new CaseLoad(app, new FullFlow(app.port(), app.engine()), settings)) {
      load.runCases(settings.growthSeed());
      seed = load.openedKeys();
    }
    long started = System.nanoTime();
    try {
      long copies = new GrowthFill(app.pool()).fill(seed, settings.growthCases());
      log.info("{}/{}/{}: {} finished cases in the database ({} copies of {}) after {} s", app.database(), app.history(),
          app.variant(), seed.size() * (copies + 1), copies, seed.size(), (System.nanoTime() - started) / 1_000_000_000);
      return copies;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Cannot fill the database for the growth run: " + e.getMessage(), e);
    }
  }

  /**
   * {@code -Dbenchmark.growth-keep=true}: variant {@code grown} keeps its database from an earlier run when it already
   * holds {@code growth-cases} finished cases, instead of filling a new one (filling 100,000 takes long); the
   * application's migrations and deployments are applied to it as to a production database on an upgrade.
   */
  static boolean keepsGrowth() {
    return Boolean.getBoolean("benchmark.growth-keep");
  }

  /** As many threads as may run transactions at once in the flows: job executor, workers and openers. */
  int rawThreads(BenchmarkApp app) {
    int threads = settings.rawThreads() > 0 ? settings.rawThreads()
        : app.jobThreads() + settings.workers() + settings.openers();
    if (app.poolSize() > 0 && threads > app.poolSize()) {
      if (settings.rawThreads() > 0) {
        throw new IllegalArgumentException("benchmark.raw-threads=" + threads + " is more than the connection pool ("
            + app.poolSize() + "); raise spring.datasource.hikari.maximum-pool-size or lower it");
      }
      threads = app.poolSize();
    }
    return threads;
  }

  private CaseLoad.Result load(BenchmarkApp app, Flow flow, String mode, double rate) throws InterruptedException {
    return load(app, flow, mode, rate, settings);
  }

  private CaseLoad.Result load(BenchmarkApp app, Flow flow, String mode, double rate, BenchmarkSettings with)
      throws InterruptedException {
    CaseLoad.Result result;
    Map<String, Long> before = app.sql().breakdown();
    try (CaseLoad load = new CaseLoad(app, flow, with)) {
      result = switch (mode) {
        case "max" -> load.runAtMaximum();
        case "cases" -> load.runCases(with.cases());
        default -> load.runAtRate(rate);
      };
    }
    String name = flow instanceof BareFlow bare ? bare.label() : "full";
    logBreakdown(app, name + " " + mode, before, app.sql().breakdown(), result.completed());
    log.info("{}/{}/{} {} {}: {} cases/s, open p95 {} ms, {} statements and {} commits per case, CPU ms per case "
        + "{} (JVM) {} (application) {} (DB), errors {}", app.database(), app.history(), app.variant(), name, mode,
        BenchmarkReport.f(result.casesPerSecond()), BenchmarkReport.f(result.openP95Ms()),
        BenchmarkReport.f(result.statementsPerCase()), BenchmarkReport.f(result.commitsPerCase()),
        BenchmarkReport.f(result.jvmCpuMsPerCase()), BenchmarkReport.f(result.appCpuMsPerCase()),
        BenchmarkReport.f(result.dbCpuMsPerCase()), result.errors());
    report.add(new BenchmarkReport.Row(app.database(), app.history(), app.variant(), name, mode,
        mode.equals("rate") ? 0 : with.concurrency(), rate, result.completed(), result.seconds(), result.casesPerSecond(),
        result.openP50Ms(), result.openP95Ms(), result.openP99Ms(), result.statementsPerCase(),
        result.roundTripsPerCase(), result.commitsPerCase(), result.commitsPerSecond(), result.jvmCpuPercent(),
        result.machineCpuPercent(), result.jvmCpuMsPerCase(), result.benchCpuMsPerCase(), result.dbCpuMsPerCase(),
        result.heapPeakMb(), errors(result.errors())));
    return result;
  }

  /** With {@code benchmark.breakdown=true}: per completed case, statements by table and commits by thread group. */
  private static void logBreakdown(BenchmarkApp app, String run, Map<String, Long> before, Map<String, Long> after,
      long completed) {
    if (after.isEmpty() || completed == 0) {
      return;
    }
    StringBuilder text = new StringBuilder();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / (double) completed))
        .filter(e -> e.getValue() >= 0.05)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> text.append(String.format(java.util.Locale.ROOT, "%n  %7.2f  %s", e.getValue(), e.getKey())));
    log.info("{}/{}/{} {}: per case{}", app.database(), app.history(), app.variant(), run, text);
  }

  private static String errors(Map<String, Long> errors) {
    return errors.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining("; "));
  }
}
