package org.aftersales.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Working time between two instants, against hand-counted hours. */
class BusinessCalendarTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  static BusinessCalendar officeHours(LocalDate... holidays) {
    return new BusinessCalendar(new SlaProperties.Calendar(true, SHANGHAI,
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0), List.of(holidays)));
  }

  static Instant at(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }

  @Test
  void offItCountsEveryHour() {
    BusinessCalendar always = new BusinessCalendar(new SlaProperties.Calendar(false, SHANGHAI,
        EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0), LocalTime.of(18, 0), List.of()));
    assertThat(always.between(at("2026-11-06T17:00+08:00"), at("2026-11-09T10:00+08:00"))).isEqualTo(Duration.ofHours(65));
  }

  @Test
  void fridayEveningToMondayMorningIsTwoWorkingHours() {
    assertThat(officeHours().between(at("2026-11-06T17:00+08:00"), at("2026-11-09T10:00+08:00"))).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void timeOutsideTheWorkingDayDoesNotCount() {
    // 07:00 to 08:30 before opening; 20:00 to 08:00 the next day overnight
    assertThat(officeHours().between(at("2026-11-02T07:00+08:00"), at("2026-11-02T08:30+08:00"))).isZero();
    assertThat(officeHours().between(at("2026-11-02T20:00+08:00"), at("2026-11-03T08:00+08:00"))).isZero();
    assertThat(officeHours().between(at("2026-11-02T07:00+08:00"), at("2026-11-02T10:15+08:00"))).isEqualTo(Duration.ofMinutes(75));
  }

  @Test
  void aFullWorkingWeekIsFortyFiveHoursAndHolidaysAreOff() {
    Instant monday = at("2026-11-02T00:00+08:00");
    Instant nextMonday = at("2026-11-09T00:00+08:00");
    assertThat(officeHours().between(monday, nextMonday)).isEqualTo(Duration.ofHours(45));
    assertThat(officeHours(LocalDate.of(2026, 11, 4)).between(monday, nextMonday)).isEqualTo(Duration.ofHours(36));
  }

  @Test
  void aBackwardSpanIsZero() {
    assertThat(officeHours().between(at("2026-11-03T10:00+08:00"), at("2026-11-02T10:00+08:00"))).isZero();
  }
}
