package org.aftersales.repair;

import static org.aftersales.repair.RepairProcess.Var;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.aftersales.cases.CaseCosts;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.stereotype.Component;

/**
 * Completion of {@code Task_Repair}: every part used must be a genuine part of the product's category with a
 * serial or batch number in its format, one per line as {@code PART-NO SERIAL}; parts and labour are recorded
 * as the case's cost, charged to the customer for paid repairs and borne by us otherwise.
 */
@Component
public class RepairRecordListener implements TaskListener {

  /** One part line as checked. */
  record UsedPart(PartsCatalog.Part part, String serial) {}

  private final PartsCatalog catalog;
  private final CaseRepository cases;
  private final CaseCosts costs;
  private final RepairLimits limits;

  public RepairRecordListener(PartsCatalog catalog, CaseRepository cases, CaseCosts costs, RepairLimits limits) {
    this.catalog = catalog;
    this.cases = cases;
    this.costs = costs;
    this.limits = limits;
  }

  @Override
  public void notify(DelegateTask task) {
    CaseRecord c = cases.find(task.getExecution().getProcessBusinessKey()).orElseThrow();
    List<UsedPart> used = parse(task.getVariable(Var.PARTS_USED), c.details().productCategory());
    Object hours = task.getVariable(Var.LABOUR_HOURS);
    if (!(hours instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 100) {
      throw new NotValidException("Labour hours: a number from 0 to 100");
    }
    CaseCosts.BorneBy payer = RepairProcess.PAID.equals(task.getVariable(Var.COVERAGE))
        ? CaseCosts.BorneBy.CUSTOMER : CaseCosts.BorneBy.US;
    for (UsedPart part : used) {
      costs.record(c.caseId(), CaseCosts.Category.PARTS, part.part().partNo() + " " + part.part().name() + ", serial "
          + part.serial(), part.part().unitCost(), part.part().currency(), payer);
    }
    BigDecimal labour = limits.properties().labourRate().multiply(new BigDecimal(hours.toString()))
        .setScale(2, java.math.RoundingMode.HALF_UP);
    if (labour.signum() > 0) {
      costs.record(c.caseId(), CaseCosts.Category.LABOUR, hours + " h at " + limits.properties().labourRate(),
          labour, c.currency(), payer);
    }
  }

  private List<UsedPart> parse(Object text, String category) {
    List<UsedPart> used = new ArrayList<>();
    if (text == null || text.toString().isBlank()) {
      return used;
    }
    for (String line : text.toString().strip().split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.strip().split("\\s+");
      if (fields.length != 2) {
        throw new NotValidException("Parts used: one part per line as PART-NO SERIAL, not '" + line.strip() + "'");
      }
      PartsCatalog.Part part = catalog.find(fields[0]).orElseThrow(() -> new NotValidException(
          "Parts used: " + fields[0] + " is not a genuine part on the parts list"));
      if (!part.productCategory().equals(category)) {
        throw new NotValidException("Parts used: " + fields[0] + " is a part for " + part.productCategory()
            + " products, not " + category);
      }
      if (!fields[1].matches(part.serialPattern())) {
        throw new NotValidException("Parts used: serial " + fields[1] + " does not match the format of " + fields[0]);
      }
      used.add(new UsedPart(part, fields[1]));
    }
    return used;
  }
}
