package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.system.BusinessTime;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckEligibility}: asks the designers' rule table {@code return-eligibility} whether the
 * request is eligible, may be approved without a person, and who pays the return postage. Days since delivery
 * are calendar days in the business zone (the day after delivery is day 1); a row with a window in days gets its
 * last day (delivery date plus the window) written into the reason in place of {@code {lastDay}}.
 */
@Component
public class CheckEligibilityDelegate implements JavaDelegate {

  private final CaseRepository cases;
  private final DecisionService decisions;
  private final BusinessTime time;

  public CheckEligibilityDelegate(CaseRepository cases, DecisionService decisions, BusinessTime time) {
    this.cases = cases;
    this.decisions = decisions;
    this.time = time;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRecord c = cases.find(execution.getProcessBusinessKey()).orElseThrow();
    Object complaint = execution.getVariable(Var.ORDERED_BY_COMPLAINT);
    Object recovery = execution.getVariable(Var.ORDERED_BY_RECOVERY);
    if (complaint != null || recovery != null) {
      // the platform decided on a complaint or as service recovery after a follow-up visit: no rule table and
      // no review stand in the way, the customer pays no postage
      execution.setVariable(Var.ELIGIBLE, true);
      execution.setVariable(Var.ELIGIBILITY_NOTE, complaint != null ? "Ordered by the platform on complaint " + complaint
          : "Ordered by " + recovery + " as service recovery after the follow-up visit");
      execution.setVariable(Var.AUTO_APPROVE, true);
      execution.setVariable(Var.POSTAGE_PAID_BY, "SELLER");
      return;
    }
    LocalDate delivered = c.deliveredAt() == null ? null : time.dateOf(c.deliveredAt());
    Integer days = delivered == null ? null : (int) ChronoUnit.DAYS.between(delivered, time.today());
    Map<String, Object> inputs = Variables.createVariables()
        .putValue("caseType", c.type().name())
        .putValue("reason", c.reason().name())
        .putValue("daysSinceDelivery", days)
        .putValue("productCategory", c.details().productCategory())
        .putValue("amount", c.requestedAmount().doubleValue());
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(ReturnProcess.ELIGIBILITY_DECISION)
        .variables(inputs).evaluate().getSingleResult();
    if (result == null) {
      throw new IllegalStateException("Decision " + ReturnProcess.ELIGIBILITY_DECISION + " has no rule for " + inputs);
    }
    execution.setVariable(Var.ELIGIBLE, Boolean.TRUE.equals(result.get("eligible")));
    Object window = result.get("windowDays");
    String note = String.valueOf(result.get("customerReason"));
    if (window != null && delivered != null) {
      note = note.replace("{lastDay}", delivered.plusDays(((Number) window).longValue()).toString());
    }
    execution.setVariable(Var.ELIGIBILITY_NOTE, note);
    execution.setVariable(Var.AUTO_APPROVE, Boolean.TRUE.equals(result.get("autoApprove")));
    execution.setVariable(Var.POSTAGE_PAID_BY, String.valueOf(result.get("postagePaidBy")));
  }
}
