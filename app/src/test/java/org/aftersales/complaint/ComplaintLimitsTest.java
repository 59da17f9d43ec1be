package org.aftersales.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.aftersales.system.BusinessTime;
import org.junit.jupiter.api.Test;

/** Day-based complaint limits count whole calendar days in the business zone (China time), not elapsed hours. */
class ComplaintLimitsTest {

  // 03:49 on 5 December in China is still 4 December in UTC
  static final Instant NOW = OffsetDateTime.parse("2026-12-05T03:49:00+08:00").toInstant();

  final ComplaintLimits limits = new ComplaintLimits(new ComplaintLimitsProperties(Duration.ofDays(30),
      Duration.ofDays(2), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(3), 12,
      new BigDecimal("100000.00")), Clock.fixed(NOW, ZoneOffset.UTC),
      new BusinessTime(ZoneId.of("Asia/Shanghai"), Clock.fixed(NOW, ZoneOffset.UTC)));

  @Test
  void theSevenDayAppealWindowEndsWithTheSeventhDayAfterTheDecisionInChina() {
    assertThat(limits.appealWindowEnds().toInstant())
        .isEqualTo(OffsetDateTime.parse("2026-12-13T00:00:00+08:00").toInstant());
  }

  @Test
  void theSecondComplaintPeriodStartsAtTheBeginningOfItsFirstDayInChina() {
    assertThat(limits.startOfDaysBefore(NOW, Duration.ofDays(30)))
        .isEqualTo(OffsetDateTime.parse("2026-11-05T00:00:00+08:00").toInstant());
  }
}
