package org.aftersales.repair;

import static org.aftersales.repair.RepairProcess.Var;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.CaseType;
import org.aftersales.cases.Outcome;
import org.aftersales.system.BusinessTime;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckCoverage} and {@code Task_RecheckCoverage}: asks the rule table {@code repair-coverage}
 * who pays (with the technician's cause once there is one); the first time also the table
 * {@code self-repair-advice}, and whether the same fault of the same order line was repaired before.
 */
@Component
public class CheckCoverageDelegate implements JavaDelegate {

  private final CaseRepository cases;
  private final DecisionService decisions;
  private final BusinessTime time;

  public CheckCoverageDelegate(CaseRepository cases, DecisionService decisions, BusinessTime time) {
    this.cases = cases;
    this.decisions = decisions;
    this.time = time;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRecord c = cases.find(execution.getProcessBusinessKey()).orElseThrow();
    Object diagnosed = execution.getVariable(Var.DIAGNOSED_CAUSE);
    String cause = diagnosed != null ? diagnosed.toString() : c.details().faultCause().name();
    long months = c.deliveredAt() == null ? 0
        : ChronoUnit.MONTHS.between(time.dateOf(c.deliveredAt()), time.today());
    DmnDecisionResultEntries coverage = evaluate(RepairProcess.COVERAGE_DECISION, Map.of(
        "productCategory", c.details().productCategory(), "monthsSinceDelivery", (int) months,
        "warrantyMonths", c.details().warrantyMonths(), "faultCause", cause));
    execution.setVariable(Var.COVERAGE, coverage.get("coverage"));
    execution.setVariable(Var.COVERAGE_NOTE, coverage.get("customerReason"));
    execution.setVariable(Var.EVIDENCE_REQUIRED, Boolean.TRUE.equals(coverage.get("evidenceRequired")));
    execution.setVariable(Var.EVIDENCE_COMPLETE, !c.details().evidence().isEmpty()
        && c.description() != null && !c.description().isBlank());
    if (!execution.hasVariable(Var.SELF_REPAIR_ARTICLE)) {
      DmnDecisionResultEntries advice = evaluate(RepairProcess.SELF_REPAIR_DECISION, Map.of(
          "productCategory", c.details().productCategory(), "fault", c.details().fault()));
      execution.setVariable(Var.SELF_REPAIR_ARTICLE, Objects.toString(advice.get("article"), ""));
      execution.setVariable(Var.REPEAT_FAULT, repairedBefore(c));
    }
  }

  /** 三包: the same fault of the same order line was repaired before. */
  private boolean repairedBefore(CaseRecord c) {
    Set<String> skus = c.items().stream().map(CaseRecord.CaseItem::sku).collect(Collectors.toSet());
    List<CaseRecord> earlier = cases.findClosedForOrder(c.customerId(), c.orderId(), CaseType.REPAIR);
    return earlier.stream().anyMatch(e -> e.outcome() == Outcome.REPAIRED
        && Objects.equals(e.details().fault(), c.details().fault())
        && e.items().stream().anyMatch(i -> skus.contains(i.sku())));
  }

  private DmnDecisionResultEntries evaluate(String decision, Map<String, Object> inputs) {
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(decision)
        .variables(Variables.fromMap(inputs)).evaluate().getSingleResult();
    if (result == null) {
      throw new IllegalStateException("Decision " + decision + " has no rule for " + inputs);
    }
    return result;
  }
}
