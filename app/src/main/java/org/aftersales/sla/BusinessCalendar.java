package org.aftersales.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;

/** How much working time lies between two instants: all of it, or only working hours on working days. */
public final class BusinessCalendar {

  /** Longest span counted day by day; longer spans are refused rather than looped over. */
  private static final int MAX_DAYS = 3660;

  private final SlaProperties.Calendar calendar;
  private final Set<LocalDate> holidays;

  public BusinessCalendar(SlaProperties.Calendar calendar) {
    if (calendar.enabled() && !calendar.start().isBefore(calendar.end())) {
      throw new IllegalArgumentException("aftersales.sla.calendar: start must be before end");
    }
    this.calendar = calendar;
    this.holidays = new HashSet<>(calendar.holidays());
  }

  /** Working time from {@code from} to {@code to}; zero if {@code to} is not after {@code from}. */
  public Duration between(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    if (!calendar.enabled()) {
      return Duration.between(from, to);
    }
    LocalDate day = from.atZone(calendar.zone()).toLocalDate();
    LocalDate last = to.atZone(calendar.zone()).toLocalDate();
    if (day.plusDays(MAX_DAYS).isBefore(last)) {
      throw new IllegalArgumentException("Span of more than " + MAX_DAYS + " days");
    }
    Duration total = Duration.ZERO;
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      if (!calendar.days().contains(day.getDayOfWeek()) || holidays.contains(day)) {
        continue;
      }
      Instant open = ZonedDateTime.of(day, calendar.start(), calendar.zone()).toInstant();
      Instant close = ZonedDateTime.of(day, calendar.end(), calendar.zone()).toInstant();
      Instant start = from.isAfter(open) ? from : open;
      Instant end = to.isBefore(close) ? to : close;
      if (end.isAfter(start)) {
        total = total.plus(Duration.between(start, end));
      }
    }
    return total;
  }
}
