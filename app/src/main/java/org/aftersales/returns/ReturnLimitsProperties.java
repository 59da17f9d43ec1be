package org.aftersales.returns;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The time limits and money limits of the return flow ({@code aftersales.returns.*}). The BPMN reads them
 * through {@link ReturnLimits}; none is written into the diagram.
 *
 * @param review               an agent must answer a request within this, or it is approved automatically
 * @param shipBack             the customer must ship an approved return within this, or the case expires
 * @param inspection           received goods must be inspected within this, or the refund goes out anyway
 * @param proposalAnswer       the customer answers a partial refund offer within this, or it counts as accepted
 * @param financeApproval      finance answers a refund approval within this (due date only)
 * @param refundResultWait     after this without a provider callback the refund status is asked for
 * @param refundRetryDelay     wait between a failed refund and the next attempt
 * @param refundAttempts       failed refunds before finance must step in
 * @param financeLimit         refunds above this amount need a finance approval
 * @param postageCompensation  paid on top of the refund when the seller is at fault and the customer
 *                             paid the return postage
 * @param jobRetryCycle        how often a call to an outside system is retried before an incident
 */
@ConfigurationProperties("aftersales.returns")
public record ReturnLimitsProperties(
    @DefaultValue("PT48H") Duration review,
    @DefaultValue("P7D") Duration shipBack,
    @DefaultValue("P3D") Duration inspection,
    @DefaultValue("P3D") Duration proposalAnswer,
    @DefaultValue("P1D") Duration financeApproval,
    @DefaultValue("PT6H") Duration refundResultWait,
    @DefaultValue("PT30M") Duration refundRetryDelay,
    @DefaultValue("3") int refundAttempts,
    @DefaultValue("5000.00") BigDecimal financeLimit,
    @DefaultValue("12.00") BigDecimal postageCompensation,
    @DefaultValue("R3/PT5M") String jobRetryCycle) {}
