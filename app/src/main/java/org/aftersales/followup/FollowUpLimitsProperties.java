package org.aftersales.followup;

import java.time.Duration;
import java.util.Set;
import org.aftersales.cases.Outcome;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the follow-up visit (回访) after a case closes ({@code aftersales.follow-up.*}); the grade bands and
 * when a score calls for service recovery come from the rule tables {@code service-grade} and
 * {@code service-recovery}.
 *
 * @param delay            the survey goes out this long after the case closed
 * @param surveyWait       the customer answers the survey within this; then an agent calls
 * @param callDue          the agent's call task is due within this
 * @param recoveryDue      a supervisor decides on service recovery within this
 * @param surveyBaseUrl    the survey link is this followed by the case id
 * @param withoutFollowUp  cases closed with one of these outcomes get no follow-up visit (withdrawn by the
 *                         customer; expired because the customer never sent the goods back)
 */
@ConfigurationProperties("aftersales.follow-up")
public record FollowUpLimitsProperties(
    @DefaultValue("P3D") Duration delay,
    @DefaultValue("P3D") Duration surveyWait,
    @DefaultValue("P2D") Duration callDue,
    @DefaultValue("P2D") Duration recoveryDue,
    @DefaultValue("https://service.example.com/survey/") String surveyBaseUrl,
    @DefaultValue({"CANCELLED", "EXPIRED"}) Set<Outcome> withoutFollowUp) {}
