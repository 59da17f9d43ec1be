package org.aftersales.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmark itself, run only by {@code mvn -B -ntp -f app verify -Pbenchmark} (tag {@code benchmark}, left out of
 * the normal suite): the whole matrix with the settings of {@link BenchmarkSettings}, results written to
 * {@code benchmark/results}. It measures; it asserts no timings, only that every run completed cases. Asked for
 * MariaDB without a server, it fails with the server's address rather than skipping what was asked for.
 */
@Tag("benchmark")
class BenchmarkTest {

  @Test
  void matrix() throws InterruptedException {
    BenchmarkSettings settings = BenchmarkSettings.fromEnvironment();
    BenchmarkReport report = new Benchmark(settings).run();

    assertThat(report.rows()).isNotEmpty().allSatisfy(row -> assertThat(row.completed()).as(row.toString()).isPositive());
  }
}
