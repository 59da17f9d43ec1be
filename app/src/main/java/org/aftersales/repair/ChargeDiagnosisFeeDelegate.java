package org.aftersales.repair;

import org.aftersales.cases.CaseCosts;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ChargeDiagnosisFee}: a declined quote costs the customer the diagnosis fee, if one is configured. */
@Component
public class ChargeDiagnosisFeeDelegate implements JavaDelegate {

  private final CaseRepository cases;
  private final CaseCosts costs;
  private final RepairLimits limits;

  public ChargeDiagnosisFeeDelegate(CaseRepository cases, CaseCosts costs, RepairLimits limits) {
    this.cases = cases;
    this.costs = costs;
    this.limits = limits;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRecord c = cases.find(execution.getProcessBusinessKey()).orElseThrow();
    if (limits.properties().diagnosisFee().signum() > 0) {
      costs.record(c.caseId(), CaseCosts.Category.DIAGNOSIS, "Diagnosis fee (quote declined)",
          limits.properties().diagnosisFee(), c.currency(), CaseCosts.BorneBy.CUSTOMER);
    }
  }
}
