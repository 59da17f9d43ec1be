package org.aftersales.system;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** A time as the variables and stored texts carry it: an ISO instant or time with offset, or "yyyy-MM-dd HH:mm UTC". */
  private static final Pattern STORED_TIME = Pattern.compile(
      "\\b\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2})| \\d{2}:\\d{2} UTC\\b)");
  private static final DateTimeFormatter UTC_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

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

  /**
   * The text with every stored time in it (an ISO instant such as {@code 2026-12-04T21:05:38.171Z}, a time with an
   * offset, or {@code 2026-12-04 21:05 UTC}) written for a person by {@link #format}; the rest unchanged.
   */
  public String readableTimes(String text, String language) {
    if (text == null) {
      return null;
    }
    Matcher found = STORED_TIME.matcher(text);
    StringBuilder result = new StringBuilder();
    while (found.find()) {
      String time = found.group();
      Instant at;
      try {
        at = time.endsWith("UTC") ? UTC_TEXT.parse(time, Instant::from) : OffsetDateTime.parse(time).toInstant();
      } catch (DateTimeParseException e) {
        continue;
      }
      found.appendReplacement(result, Matcher.quoteReplacement(format(at, language)));
    }
    return found.appendTail(result).toString();
  }

  private String zoneName(boolean chinese) {
    if ("Asia/Shanghai".equals(zone.getId())) {
      return chinese ? "北京时间" : "China time";
    }
    return zone.getId();
  }
}
