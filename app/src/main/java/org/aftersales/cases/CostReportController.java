package org.aftersales.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Cost of after-sales work for managers: per case, and totals per kind of case. */
@RestController
@Tag(name = "Reports", description = "For managers")
public class CostReportController {

  /** The costs of one case. */
  public record CaseCostReport(String caseId, List<CaseCosts.Cost> costs) {}

  private final CaseCosts costs;
  private final CaseService cases;

  public CostReportController(CaseCosts costs, CaseService cases) {
    this.costs = costs;
    this.cases = cases;
  }

  @GetMapping("/api/reports/cases/{caseId}/costs")
  @Operation(summary = "What one case cost: parts, labour, logistics, fees, and who pays them")
  public CaseCostReport caseCosts(@PathVariable String caseId) {
    cases.view(caseId);
    return new CaseCostReport(caseId, costs.forCase(caseId));
  }

  @GetMapping("/api/reports/costs")
  @Operation(summary = "Cost totals per category and payer over all cases of a type")
  public List<CaseCosts.Total> totals(@RequestParam(defaultValue = "REPAIR") CaseType caseType) {
    return costs.totals(caseType);
  }
}
