package org.aftersales.system;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock the application reads time from: the engine's own clock, so that case records, timers
 * and due dates agree, also when a test moves the engine's clock forward.
 */
@Configuration
public class ClockConfiguration {

  @Bean
  Clock clock() {
    return new EngineClock(ZoneOffset.UTC);
  }

  /** A {@link Clock} that reads Camunda's {@link ClockUtil}. */
  static final class EngineClock extends Clock {
    private final ZoneId zone;

    EngineClock(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new EngineClock(zone);
    }

    @Override
    public Instant instant() {
      return ClockUtil.getCurrentTime().toInstant();
    }
  }
}
