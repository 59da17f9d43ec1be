package org.aftersales.benchmark;

import java.nio.file.Files;

/**
 * The JVM of one configuration ({@link BenchmarkFork}): runs the benchmark as the {@code benchmark.*} system
 * properties say (one configuration, not forked again), and leaves its rows ({@code results.csv}) and its
 * application's settings ({@link #APPLICATIONS}) in {@code benchmark.results-dir}. Exits 1 if no run completed a case.
 */
public final class BenchmarkCell {

  static final String APPLICATIONS = "applications.tsv";

  private BenchmarkCell() {}

  public static void main(String[] args) throws Exception {
    BenchmarkSettings settings = BenchmarkSettings.fromEnvironment();
    if (settings.fork() || settings.resultsDir() == null) {
      throw new IllegalArgumentException("A benchmark cell runs with benchmark.fork=false and a benchmark.results-dir");
    }
    BenchmarkReport report = new Benchmark(settings).run();
    Files.writeString(settings.resultsDir().resolve(APPLICATIONS), report.applications());
    boolean completed = !report.rows().isEmpty() && report.rows().stream().allMatch(r -> r.completed() > 0);
    // the application's pools may leave threads behind: end the JVM here
    System.exit(completed ? 0 : 1);
  }
}
