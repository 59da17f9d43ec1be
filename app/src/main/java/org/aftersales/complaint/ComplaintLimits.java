package org.aftersales.complaint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.aftersales.system.BusinessTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The complaint flow's limits as the BPMN reads them ({@code ${complaintLimits.appealWindowEnds()}}, {@code ${complaintLimits.appealDue()}}). */
@Component("complaintLimits")
@EnableConfigurationProperties(ComplaintLimitsProperties.class)
public class ComplaintLimits {

  static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final ComplaintLimitsProperties limits;
  private final Clock clock;
  private final BusinessTime time;

  public ComplaintLimits(ComplaintLimitsProperties limits, Clock clock, BusinessTime time) {
    this.limits = limits;
    this.clock = clock;
    this.time = time;
  }

  public ComplaintLimitsProperties properties() {
    return limits;
  }

  /**
   * The end of the appeal window: the window counts {@code appeal-window} whole calendar days in the business zone
   * from the day after the decision, and ends when the last of them ends.
   */
  public Date appealWindowEnds() {
    return Date.from(endOfDays(clock.instant(), limits.appealWindow()));
  }

  /** The start of the earliest day that still counts for {@code period} days before (and including) the day of {@code at}. */
  Instant startOfDaysBefore(Instant at, Duration period) {
    if (!wholeDays(period)) {
      return at.minus(period); // a limit shorter than days (tests, trials) is a plain duration
    }
    return time.dateOf(at).minusDays(period.toDays()).atStartOfDay(time.zone()).toInstant();
  }

  /** The end of the {@code period}-th whole calendar day after the day of {@code at}, in the business zone. */
  private Instant endOfDays(Instant at, Duration period) {
    if (!wholeDays(period)) {
      return at.plus(period); // a limit shorter than days (tests, trials) is a plain duration
    }
    return time.dateOf(at).plusDays(period.toDays() + 1).atStartOfDay(time.zone()).toInstant();
  }

  /** Limits given in whole days (P7D) count calendar days; any other (PT20S, PT36H) counts as it is written. */
  private static boolean wholeDays(Duration period) {
    return period.toDays() > 0 && period.equals(Duration.ofDays(period.toDays()));
  }

  public String appealWindowEndsText() {
    return TEXT.format(appealWindowEnds().toInstant());
  }

  public Date escalatedDue() {
    return due(limits.escalatedDecision());
  }

  public Date appealDue() {
    return due(limits.appealDecision());
  }

  /** When the seller's statement is due: its usual limit, but never after half of the resolution limit. */
  Instant sellerStatementDue(Instant now, Duration resolution) {
    Duration wait = limits.sellerStatement();
    Duration half = resolution.dividedBy(2);
    return now.plus(wait.compareTo(half) < 0 ? wait : half);
  }

  /** When supervisors are warned: the warning lead before the limit, but not before half of it has passed. */
  Instant warningAt(Instant now, Duration resolution) {
    Instant byLead = now.plus(resolution).minus(limits.warningLead());
    Instant halfway = now.plus(resolution.dividedBy(2));
    return byLead.isAfter(halfway) ? byLead : halfway;
  }

  /** Follow-up dates of the user tasks: half-way to their due dates. */
  public Date escalatedFollowUp() {
    return followUp(limits.escalatedDecision());
  }

  public Date appealFollowUp() {
    return followUp(limits.appealDecision());
  }

  private Date due(Duration limit) {
    return Date.from(clock.instant().plus(limit));
  }

  /** Half-way to a limit: when Tasklist brings the task back to the top (its follow-up date). */
  private Date followUp(Duration limit) {
    return due(limit.dividedBy(2));
  }
}
