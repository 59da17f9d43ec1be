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
    Map<String, String> given = Map.of("measure", "2m", "warmup", "PT5S", "variants", "custom",
        "custom", "camunda.bpm.job-execution.max-pool-size=12; spring.datasource.hikari.maximum-pool-size=30");
    BenchmarkSettings settings = BenchmarkSettings.from(given::get);

    assertThat(settings.measure()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.warmup()).isEqualTo(Duration.ofSeconds(5));
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
}
