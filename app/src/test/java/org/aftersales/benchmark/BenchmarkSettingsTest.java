package org.aftersales.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's settings: the documented defaults, and a clear stop for values it cannot use. */
class BenchmarkSettingsTest {

  @Test
  void defaultsAreTheDocumentedMatrix() {
    BenchmarkSettings settings = BenchmarkSettings.from(name -> null);

    assertThat(settings.databases()).containsExactly("h2", "mariadb");
    assertThat(settings.historyLevels()).containsExactly("full", "audit");
    assertThat(settings.flows()).containsExactly("full", "bare", "raw");
    assertThat(settings.variants()).containsExactly("shipped", "before");
    assertThat(settings.warmup()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.measure()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.timed()).isTrue();
  }

  @Test
  void shortDurationsAndCustomPropertiesAreRead() {
    Map<String, String> given = Map.of("measure", "2m", "warmup", "PT5S", "latency", "0", "variants", "custom",
        "custom", "camunda.bpm.job-execution.max-pool-size=12; spring.datasource.hikari.maximum-pool-size=30");
    BenchmarkSettings settings = BenchmarkSettings.from(given::get);

    assertThat(settings.measure()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.warmup()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.latency()).as("0 skips the half-rate run, as documented").isEqualTo(Duration.ZERO);
    assertThat(settings.custom()).containsEntry("camunda.bpm.job-execution.max-pool-size", "12")
        .containsEntry("spring.datasource.hikari.maximum-pool-size", "30");
  }

  @Test
  void unusableValuesStopTheRunNamingTheSetting() {
    for (List<String> bad : List.of(List.of("databases", "oracle"), List.of("history", "none"),
        List.of("measure", "soon"), List.of("concurrency", "0"), List.of("workers", "many"),
        List.of("custom", "no-equals-sign"), List.of("variants", "custom"))) {
      assertThatThrownBy(() -> BenchmarkSettings.from(Map.of(bad.get(0), bad.get(1))::get))
          .as(bad.toString()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("benchmark." + bad.get(0));
    }
  }

  @Test
  void before21SwitchesOffTheCutsOfIssue21ThatAreSettings() {
    BenchmarkSettings settings = BenchmarkSettings.from(Map.of("variants", "shipped,before21,grown")::get);
    Map<String, String> before = BenchmarkApp.properties("mariadb", "full", "before21", settings);
    Map<String, String> shipped = BenchmarkApp.properties("mariadb", "full", "shipped", settings);

    assertThat(settings.variants()).containsExactly("shipped", "before21", "grown");
    assertThat(settings.growthCases()).isEqualTo(100_000);
    assertThat(before).containsEntry("aftersales.identity.login.cache-time", "PT0S")
        .containsEntry("spring.datasource.hikari.data-source-properties.prepStmtCacheSize", "25")
        .containsEntry("spring.datasource.hikari.data-source-properties.prepStmtCacheSqlLimit", "256")
        .containsEntry("spring.datasource.hikari.data-source-properties.useServerPrepStmts", "false")
        .containsEntry("spring.datasource.hikari.data-source-properties.rewriteBatchedStatements", "true")
        .containsEntry("camunda.bpm.generic-properties.properties.history-removal-time-strategy", "end")
        .containsEntry("spring.datasource.hikari.data-source-properties.openTelemetry", "PREFERRED");
    assertThat(before.get("AFTERSALES_DB_URL")).doesNotContain("prepStmtCache").contains("aftersales_bench_full_before21");
    assertThat(shipped.get("AFTERSALES_DB_URL")).contains("prepStmtCacheSize=500");
    assertThat(shipped).doesNotContainKey("aftersales.identity.login.cache-time");
    assertThat(BenchmarkApp.properties("mariadb", "full", "grown", settings)).doesNotContainKeys(BenchmarkApp.BEFORE_21
        .keySet().toArray(String[]::new));
  }

  @Test
  void theResultsShowBeforeAndAfterInOneTableWithTheLoadAverage() {
    BenchmarkReport report = new BenchmarkReport(BenchmarkSettings.from(name -> null));
    for (String variant : List.of("shipped", "before21")) {
      report.application("mariadb", "full", variant, "MariaDB 10.11", "history full");
      double statements = variant.equals("shipped") ? 420 : 588;
      report.add(row(variant, "full", "max", 10, statements, 120, 60));
      report.add(row(variant, "bare", "max", 20, 269, 40, 30));
      report.add(row(variant, "full", "rate", 5, statements, 130, 70));
    }

    String markdown = report.markdown();

    assertThat(markdown).contains("## Issue 21: before and after", "| app CPU ms/case |", "| load |");
    // before21 first, then shipped: statements, commits, application CPU (JVM 120 - bench 20), DB CPU, full ÷ bare
    assertThat(markdown).containsPattern("\\| mariadb / full \\| before21 \\| 588 \\| 25.00 \\| 100 \\| 60.00 \\| 0.50 \\| 44.00 \\| [0-9.]+ [0-9.]+ [0-9.]+ \\|");
    assertThat(markdown).containsPattern("\\| mariadb / full \\| shipped \\| 420 \\| 25.00 \\| 100 \\|");
    assertThat(report.csv()).contains("bench_cpu_ms_per_case,app_cpu_ms_per_case").contains(",100,");

    // a configuration measured in a JVM of its own comes back as it was written
    BenchmarkReport merged = new BenchmarkReport(BenchmarkSettings.from(name -> null));
    merged.read(report.csv(), report.applications());
    assertThat(merged.rows()).hasSize(6);
    assertThat(merged.rows().get(0)).isEqualTo(report.rows().get(0));
    // the same results file but for when it was written
    assertThat(fromMachine(merged.markdown())).isEqualTo(fromMachine(report.markdown()));
  }

  @Test
  void anEarlierRunOfOtherCodeJoinsTheTableAsItWasMeasured(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    writeEarlierRun(dir, row("before21", "full", "max", 10, 685, 120, 60), row("before21", "bare", "max", 20, 274, 40, 30));

    BenchmarkReport now = new BenchmarkReport(BenchmarkSettings.from(name -> null));
    now.earlier(dir, "commit 60ab8aa");
    now.application("mariadb", "full", "shipped", "MariaDB 10.11", "history full");
    now.add(row("shipped", "full", "max", 10, 420, 120, 60));

    String markdown = now.markdown();
    assertThat(markdown).containsPattern("\\| mariadb / full \\| before21 \\| 685 \\|")
        .containsPattern("\\| mariadb / full \\| shipped \\| 420 \\|")
        .contains("measured earlier (commit 60ab8aa, ").contains("MariaDB 10.11");
    assertThatThrownBy(() -> now.earlier(dir.resolve("missing"), "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("benchmark.earlier");
  }

  @Test
  void anEarlierRunOfTheSameVariantIsNamedAfterItsCommit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    writeEarlierRun(dir, row("shipped", "full", "max", 6.5, 452, 150, 100));

    BenchmarkReport now = new BenchmarkReport(BenchmarkSettings.from(Map.of("variants", "shipped")::get));
    now.earlier(dir, "commit b576986 (the last stop)");
    now.application("mariadb", "full", "shipped", "MariaDB 10.11", "history full");
    now.add(row("shipped", "full", "max", 7.0, 412, 140, 90));

    assertThat(now.rows()).extracting(BenchmarkReport.Row::variant).containsExactly("shipped@b576986", "shipped");
    assertThat(now.markdown()).contains("| mariadb | full | shipped@b576986 | full | max |")
        .contains("| mariadb | full | shipped | full | max |")
        .contains("| mariadb / full / shipped@b576986 | measured earlier (commit b576986 (the last stop), ");
  }

  @Test
  void eachTimedConfigurationRunsInAJvmOfItsOwn() {
    assertThat(BenchmarkSettings.from(name -> null).fork()).isTrue();
    assertThat(BenchmarkSettings.from(Map.of("cases", "24")::get).fork()).isFalse();
    assertThat(BenchmarkSettings.from(Map.of("fork", "false")::get).fork()).isFalse();
    assertThatThrownBy(() -> BenchmarkSettings.from(Map.of("fork", "yes")::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("benchmark.fork");
  }

  private static String fromMachine(String markdown) {
    return markdown.substring(markdown.indexOf("## Machine"));
  }

  /** Writes the results file of an earlier run of these rows (MariaDB, full history) into {@code dir}. */
  private static void writeEarlierRun(java.nio.file.Path dir, BenchmarkReport.Row... rows) throws java.io.IOException {
    BenchmarkReport earlier = new BenchmarkReport(BenchmarkSettings.from(name -> null));
    earlier.application("mariadb", "full", rows[0].variant(), "MariaDB 10.11", "history full");
    for (BenchmarkReport.Row row : rows) {
      earlier.add(row);
    }
    java.nio.file.Files.writeString(dir.resolve(BenchmarkReport.CSV), earlier.csv());
  }

  private static BenchmarkReport.Row row(String variant, String flow, String mode, double rate, double statements,
      double jvmCpuMs, double dbCpuMs) {
    return new BenchmarkReport.Row("mariadb", "full", variant, flow, mode, 48, mode.equals("rate") ? 5 : 0, 100, 30, rate,
        20, 44, 60, statements, 300, 25, 250, 90, 99, jvmCpuMs, 20, dbCpuMs, 400, "");
  }
}
