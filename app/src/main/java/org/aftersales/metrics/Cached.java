package org.aftersales.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value read from its source at most once per {@code maxAge} on the given clock. A clock that went back
 * (a test resetting the engine clock) reads it again as well, so that no value is kept for longer than asked.
 */
final class Cached<T> {

  private final Supplier<T> source;
  private final Clock clock;
  private final Duration maxAge;
  private T value;
  private Instant readAt;

  Cached(Supplier<T> source, Clock clock, Duration maxAge) {
    this.source = source;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  synchronized T get() {
    Instant now = clock.instant();
    if (readAt == null || now.isBefore(readAt) || !now.isBefore(readAt.plus(maxAge))) {
      value = source.get();
      readAt = now;
    }
    return value;
  }
}
