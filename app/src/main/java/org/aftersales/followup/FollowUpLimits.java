package org.aftersales.followup;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The follow-up visit's limits as the BPMN reads them ({@code ${followUpLimits.delay}}, {@code ${followUpLimits.callDue()}}). */
@Component("followUpLimits")
@EnableConfigurationProperties(FollowUpLimitsProperties.class)
public class FollowUpLimits {

  private final FollowUpLimitsProperties limits;
  private final Clock clock;

  public FollowUpLimits(FollowUpLimitsProperties limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  public FollowUpLimitsProperties properties() {
    return limits;
  }

  public String getDelay() {
    return limits.delay().toString();
  }

  public String getSurveyWait() {
    return limits.surveyWait().toString();
  }

  public Date callDue() {
    return due(limits.callDue());
  }

  /** Half-way to the call's due date: try again then if the customer did not pick up. */
  public Date callFollowUp() {
    return followUp(limits.callDue());
  }

  public Date recoveryDue() {
    return due(limits.recoveryDue());
  }

  public Date recoveryFollowUp() {
    return followUp(limits.recoveryDue());
  }

  /** The link in the survey invitation. */
  public String surveyLink(String caseId) {
    return limits.surveyBaseUrl() + caseId;
  }

  private Date due(Duration limit) {
    return Date.from(clock.instant().plus(limit));
  }

  /** Half-way to a limit: when Tasklist brings the task back to the top (its follow-up date). */
  private Date followUp(Duration limit) {
    return due(limit.dividedBy(2));
  }
}
