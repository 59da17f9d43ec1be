package org.aftersales.complaint;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Time limits of the complaint flow that do not depend on the complaint ({@code aftersales.complaints.*});
 * priority, first-response and resolution limits come from the rule table {@code complaint-severity}.
 *
 * @param secondComplaintPeriod a complaint by the same customer about the same order or case within this of
 *                              an earlier one is a second complaint (二次投诉)
 * @param sellerStatement       the seller answers within this, but never later than half the resolution limit
 * @param warningLead           supervisors are warned this long before the resolution limit (at the latest
 *                              half-way through it)
 * @param escalatedDecision     a supervisor decides an overdue complaint within this
 * @param appealWindow          the customer may appeal a decision once within this
 * @param appealDecision        a supervisor decides an appeal within this
 * @param maxPenaltyPoints      most points one decision may deduct
 * @param maxFine               largest fine one decision may impose
 */
@ConfigurationProperties("aftersales.complaints")
public record ComplaintLimitsProperties(
    @DefaultValue("P30D") Duration secondComplaintPeriod,
    @DefaultValue("P2D") Duration sellerStatement,
    @DefaultValue("PT12H") Duration warningLead,
    @DefaultValue("P1D") Duration escalatedDecision,
    @DefaultValue("P7D") Duration appealWindow,
    @DefaultValue("P3D") Duration appealDecision,
    @DefaultValue("12") int maxPenaltyPoints,
    @DefaultValue("100000.00") BigDecimal maxFine) {}
