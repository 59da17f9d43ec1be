package org.aftersales.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What one benchmark run does and for how long, read from system properties {@code benchmark.*} (or the environment
 * as {@code BENCHMARK_*}: {@code benchmark.raw-threads} is {@code BENCHMARK_RAW_THREADS}), so that the lead can run a
 * part of the matrix, or run it longer on a quiet machine, without editing code. A value that cannot be read stops
 * the run at once with a message naming the setting, rather than measuring something else than was asked for.
 *
 * @param databases     {@code h2}, {@code mariadb} (the app's {@code mysql} profile through Connector/J)
 * @param historyLevels Camunda history levels, {@code full}, {@code audit}
 * @param flows         {@code full} (return-request through the API), {@code bare} (bare-return.bpmn),
 *                      {@code bare-data} (bare-return.bpmn with a real case's process variables), {@code raw}
 *                      (single-row insert-and-commit loop)
 * @param variants      engine and pool settings compared on MariaDB with full history: {@code shipped} (the
 *                      application's properties as they are), {@code before} (what was shipped before the benchmark:
 *                      Camunda's job executor defaults), {@code before21} (the cuts of issue 21 that are settings,
 *                      switched off: driver's statement cache at its defaults, no remembered API logins, no index on
 *                      ACT_RU_JOB(DUEDATE_)), {@code grown} (shipped, on a database first filled with
 *                      {@code growth-cases} finished cases), {@code custom} (from {@code benchmark.custom}); every
 *                      other database and history level runs {@code shipped} only
 * @param custom        property overrides of variant {@code custom}, {@code key=value} separated by {@code ;}
 * @param warmup        cases flow, uncounted, for this long before measuring
 * @param measure       completed cases, CPU and latency are measured over this window, without counting statements
 *                      (the counting costs CPU of its own)
 * @param latency       the run at a fixed arrival rate of half the measured maximum (open-case latency); zero skips it
 * @param countWindow   right after the maximum-rate window, statements, round trips and commits per case are counted
 *                      over this one, at the same load
 * @param drain         the longest wait for cases in flight to finish after a run
 * @param concurrency   cases in flight at most (closed loop) in the maximum-rate run
 * @param openers       threads opening cases (shops calling the API)
 * @param workers       threads completing tasks and handing in carrier and payment events (agents, carriers)
 * @param rawThreads    threads of the raw commit loop; 0 = as many as can run engine transactions at once (job
 *                      executor threads plus workers plus openers)
 * @param rawDuration   how long the raw commit loop runs
 * @param cases         more than 0: open exactly this many cases per flow and wait for all (no timing windows; the
 *                      smoke test), instead of the timed runs
 * @param growthCases   variant {@code grown}: finished cases in the database before measuring (100,000)
 * @param growthSeed    variant {@code grown}: cases run through the full flow and then copied to make them
 * @param fork          each configuration in a JVM of its own ({@link BenchmarkFork}), so that none inherits another's
 *                      warmed-up code or heap; on by default for timed runs
 * @param resultsDir    where RESULTS.md and results.csv are written; null writes nothing
 */
public record BenchmarkSettings(List<String> databases, List<String> historyLevels, List<String> flows,
    List<String> variants, Map<String, String> custom, Duration warmup, Duration measure, Duration latency,
    Duration countWindow, Duration drain, int concurrency, int openers, int workers, int rawThreads, Duration rawDuration, int cases,
    int growthCases, int growthSeed, boolean fork, Path resultsDir) {

  public static final List<String> DATABASES = List.of("h2", "mariadb");
  public static final List<String> HISTORY_LEVELS = List.of("full", "audit");
  public static final List<String> FLOWS = List.of("full", "bare", "bare-data", "raw");
  public static final List<String> VARIANTS = List.of("shipped", "before", "before21", "grown", "custom");

  /** Settings from system properties and the environment, with the defaults of the documented command. */
  public static BenchmarkSettings fromEnvironment() {
    return from(name -> {
      String value = System.getProperty("benchmark." + name);
      if (value == null || value.isBlank()) {
        value = System.getenv("BENCHMARK_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
      }
      return value == null || value.isBlank() ? null : value.trim();
    });
  }

  /** Settings read through {@code source} (a setting's name without "benchmark." to its value, or null). */
  public static BenchmarkSettings from(Function<String, String> source) {
    Reader r = new Reader(source);
    BenchmarkSettings settings = new BenchmarkSettings(
        r.list("databases", "h2,mariadb", DATABASES),
        r.list("history", "full,audit", HISTORY_LEVELS),
        r.list("flows", "full,bare,raw", FLOWS),
        r.list("variants", "shipped,before", VARIANTS),
        r.map("custom"),
        r.duration("warmup", "PT15S"), r.duration("measure", "PT30S"), r.duration("latency", "PT20S"),
        r.duration("count-window", "PT20S"), r.duration("drain", "PT60S"),
        r.integer("concurrency", 48, 1), r.integer("openers", 4, 1), r.integer("workers", 4, 1),
        r.integer("raw-threads", 0, 0), r.duration("raw-duration", "PT10S"),
        r.integer("cases", 0, 0), r.integer("growth-cases", 100_000, 1), r.integer("growth-seed", 20, 1),
        r.bool("fork", r.value("cases") == null || r.value("cases").equals("0")),
        r.value("results-dir") == null ? null : Path.of(r.value("results-dir")));
    if (settings.variants.contains("custom") && settings.custom.isEmpty()) {
      throw new IllegalArgumentException("benchmark.variants has custom, but benchmark.custom is empty: give the "
          + "properties to try as key=value;key=value");
    }
    if (settings.cases == 0 && settings.countWindow.isZero() && settings.flows.stream().anyMatch(f -> !f.equals("raw"))) {
      throw new IllegalArgumentException("benchmark.count-window must be longer than zero: statements and commits per "
          + "case are counted in it");
    }
    if (settings.cases == 0 && settings.measure.isZero()) {
      throw new IllegalArgumentException("benchmark.measure must be longer than zero (or set benchmark.cases)");
    }
    return settings;
  }

  /** The same settings for a run at a fixed rate: a short warm-up, then {@code window} measured. */
  public BenchmarkSettings atRate(Duration window) {
    return new BenchmarkSettings(databases, historyLevels, flows, variants, custom, Duration.ofSeconds(5), window, window,
        Duration.ZERO, drain, concurrency, openers, workers, rawThreads, rawDuration, 0, growthCases, growthSeed, false, resultsDir);
  }

  /** A timed run (the benchmark) rather than a fixed number of cases (the smoke test). */
  public boolean timed() {
    return cases == 0;
  }

  private record Reader(Function<String, String> source) {

    String value(String name) {
      return source.apply(name);
    }

    List<String> list(String name, String fallback, List<String> allowed) {
      String raw = value(name) == null ? fallback : value(name);
      List<String> values = Arrays.stream(raw.split(",")).map(String::trim).filter(v -> !v.isEmpty())
          .map(v -> v.toLowerCase(Locale.ROOT)).distinct().toList();
      for (String v : values) {
        if (!allowed.contains(v)) {
          throw new IllegalArgumentException("benchmark." + name + ": '" + v + "' is not one of " + allowed);
        }
      }
      return values;
    }

    Map<String, String> map(String name) {
      Map<String, String> map = new LinkedHashMap<>();
      String raw = value(name);
      if (raw == null) {
        return map;
      }
      for (String pair : raw.split(";")) {
        if (pair.isBlank()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("benchmark." + name + ": '" + pair + "' is not key=value");
        }
        map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
      return map;
    }

    Duration duration(String name, String fallback) {
      String raw = value(name) == null ? fallback : value(name);
      if (raw.trim().equals("0")) {
        return Duration.ZERO;
      }
      try {
        Duration d = Duration.parse(raw.toUpperCase(Locale.ROOT).startsWith("P") ? raw : "PT" + raw);
        if (d.isNegative()) {
          throw new IllegalArgumentException("benchmark." + name + " must not be negative: " + raw);
        }
        return d;
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("benchmark." + name + ": '" + raw
            + "' is not a duration (ISO-8601 such as PT30S, or 30s, 2m)", e);
      }
    }

    boolean bool(String name, boolean fallback) {
      String raw = value(name);
      if (raw == null) {
        return fallback;
      }
      if (!raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException("benchmark." + name + ": '" + raw + "' is not true or false");
      }
      return Boolean.parseBoolean(raw);
    }

    int integer(String name, int fallback, int min) {
      String raw = value(name);
      if (raw == null) {
        return fallback;
      }
      try {
        int v = Integer.parseInt(raw);
        if (v < min) {
          throw new IllegalArgumentException("benchmark." + name + " must be at least " + min + ": " + raw);
        }
        return v;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("benchmark." + name + ": '" + raw + "' is not a whole number", e);
      }
    }
  }
}
