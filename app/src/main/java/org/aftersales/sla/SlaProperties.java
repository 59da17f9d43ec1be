package org.aftersales.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service targets and the business calendar they run on ({@code aftersales.sla.*}).
 *
 * @param firstResponseTarget a case is answered within this (working time) to count as on time
 * @param resolutionTarget    a case is resolved within this (working time, without time spent waiting for
 *                            the customer) to count as on time
 * @param calendar            when the clock runs; off, it runs around the clock
 * @param maxReportCases      most cases one report covers; a larger range is refused
 * @param nearShare           an open case is near its limit once this share of a target has passed
 */
@ConfigurationProperties("aftersales.sla")
public record SlaProperties(
    @DefaultValue("PT24H") Duration firstResponseTarget,
    @DefaultValue("P7D") Duration resolutionTarget,
    @DefaultValue Calendar calendar,
    @DefaultValue("5000") int maxReportCases,
    @DefaultValue("0.8") double nearShare) {

  /**
   * Working hours, as helpdesks count them.
   *
   * @param enabled   false: every hour counts
   * @param zone      the zone the working hours are in
   * @param days      working days
   * @param start     start of the working day
   * @param end       end of the working day
   * @param holidays  days off besides the weekly ones
   */
  public record Calendar(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("Asia/Shanghai") ZoneId zone,
      @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) Set<DayOfWeek> days,
      @DefaultValue("09:00") LocalTime start,
      @DefaultValue("18:00") LocalTime end,
      @DefaultValue List<LocalDate> holidays) {}
}
