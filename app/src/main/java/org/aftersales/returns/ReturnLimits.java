package org.aftersales.returns;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The return flow's limits as the BPMN reads them: {@code ${returnLimits.review}} for a timer,
 * {@code ${returnLimits.reviewDue()}} for a due date, {@code ${returnLimits.needsFinanceApproval(refundAmount)}}
 * for a gateway. Values come from {@link ReturnLimitsProperties}.
 */
@Component("returnLimits")
@EnableConfigurationProperties(ReturnLimitsProperties.class)
public class ReturnLimits {

  private final ReturnLimitsProperties limits;
  private final Clock clock;

  public ReturnLimits(ReturnLimitsProperties limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  public String getReview() {
    return limits.review().toString();
  }

  public String getShipBack() {
    return limits.shipBack().toString();
  }

  public String getInspection() {
    return limits.inspection().toString();
  }

  public String getProposalAnswer() {
    return limits.proposalAnswer().toString();
  }

  public Date proposalAnswerDue() {
    return due(limits.proposalAnswer());
  }

  public String getRefundResultWait() {
    return limits.refundResultWait().toString();
  }

  public String getRefundRetryDelay() {
    return limits.refundRetryDelay().toString();
  }

  public int getRefundAttempts() {
    return limits.refundAttempts();
  }

  public String getJobRetryCycle() {
    return limits.jobRetryCycle();
  }

  public Date reviewDue() {
    return due(limits.review());
  }

  public Date shipBackDue() {
    return due(limits.shipBack());
  }

  public Date inspectionDue() {
    return due(limits.inspection());
  }

  public Date financeApprovalDue() {
    return due(limits.financeApproval());
  }

  public Date refundResultDue() {
    return due(limits.refundResultWait());
  }

  /** Whether a refund of {@code amount} (a decimal string) needs a finance approval. */
  public boolean needsFinanceApproval(String amount) {
    return new BigDecimal(amount).compareTo(limits.financeLimit()) > 0;
  }

  public BigDecimal postageCompensation() {
    return limits.postageCompensation();
  }

  /** Follow-up dates of the user tasks: half-way to their due dates. */
  public Date reviewFollowUp() {
    return followUp(limits.review());
  }

  public Date inspectionFollowUp() {
    return followUp(limits.inspection());
  }

  public Date financeApprovalFollowUp() {
    return followUp(limits.financeApproval());
  }

  public Date proposalAnswerFollowUp() {
    return followUp(limits.proposalAnswer());
  }

  private Date due(Duration limit) {
    return Date.from(clock.instant().plus(limit));
  }

  /** Half-way to a limit: when Tasklist brings the task back to the top (its follow-up date). */
  private Date followUp(Duration limit) {
    return due(limit.dividedBy(2));
  }
}
