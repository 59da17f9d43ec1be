package org.aftersales.system;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The business time zone ({@code aftersales.business.zone}, Asia/Shanghai by default): the zone in which
 * day-based limits are counted (a day is a calendar day there) and in which every time shown to a person is
 * written. Stored times stay instants (UTC); only counting days and rendering use this zone.
 */
@Component
public class BusinessTime {

  private static final DateTimeFormatter ZH = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.SIMPLIFIED_CHINESE);
  private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

  private final ZoneId zone;
  private final Clock clock;

  public BusinessTime(@Value("${aftersales.business.zone:Asia/Shanghai}") ZoneId zone, Clock clock) {
    this.zone = zone;
    this.clock = clock;
  }

  public ZoneId zone() {
    return zone;
  }

  /** Today's calendar date in the business zone, by the application's clock. */
  public LocalDate today() {
    return dateOf(clock.instant());
  }

  /** The calendar date in the business zone on which an instant falls. */
  public LocalDate dateOf(Instant at) {
    return at.atZone(zone).toLocalDate();
  }

  /** An instant in the business zone. */
  public ZonedDateTime local(Instant at) {
    return at.atZone(zone);
  }

  /**
   * A time written for a person in the business zone: "2026年12月5日 05:05（北京时间）" for {@code zh},
   * "5 Dec 2026, 05:05 (China time)" otherwise; the zone's name follows the configured zone.
   */
  public String format(Instant at, String language) {
    ZonedDateTime local = local(at);
    boolean chinese = language != null && language.toLowerCase(Locale.ROOT).startsWith("zh");
    String zoneName = zoneName(chinese);
    return chinese ? ZH.format(local) + "（" + zoneName + "）" : EN.format(local) + " (" + zoneName + ")";
  }

  private String zoneName(boolean chinese) {
    if ("Asia/Shanghai".equals(zone.getId())) {
      return chinese ? "北京时间" : "China time";
    }
    return zone.getId();
  }
}
