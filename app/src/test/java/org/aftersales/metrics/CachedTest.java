package org.aftersales.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersales.MovableClock;
import org.junit.jupiter.api.Test;

/** A cached value is read from its source once per max age, and again when the clock goes back. */
class CachedTest {

  final MovableClock clock = new MovableClock(Instant.parse("2026-11-11T10:00:00Z"));
  final AtomicInteger reads = new AtomicInteger();

  @Test
  void readsTheSourceOncePerMaxAge() {
    Cached<Integer> cached = new Cached<>(reads::incrementAndGet, clock, Duration.ofSeconds(30));

    assertThat(cached.get()).isEqualTo(1);
    clock.move(Duration.ofSeconds(29));
    assertThat(cached.get()).isEqualTo(1);
    clock.move(Duration.ofSeconds(1));
    assertThat(cached.get()).isEqualTo(2);
    assertThat(cached.get()).isEqualTo(2);
  }

  @Test
  void readsAgainWhenTheClockWentBack() {
    Cached<Integer> cached = new Cached<>(reads::incrementAndGet, clock, Duration.ofSeconds(30));

    cached.get();
    clock.move(Duration.ofDays(-3));

    assertThat(cached.get()).isEqualTo(2);
  }

  @Test
  void noMaxAgeReadsEveryTime() {
    Cached<Integer> cached = new Cached<>(reads::incrementAndGet, clock, Duration.ZERO);

    cached.get();
    cached.get();

    assertThat(reads.get()).isEqualTo(2);
  }
}
