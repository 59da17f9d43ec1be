package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Completion of {@code Task_InspectGoods}: a pass or fail, deductions below what was asked, photos as https links;
 * goods recorded as damaged, incomplete or not the item sold pass with a full refund only with notes saying why,
 * unless that is what the customer reported (reason DAMAGED for damaged goods, WRONG_ITEM for another item). */
@Component
public class InspectionListener implements TaskListener {

  /** Conditions that contradict a pass with a full refund unless the notes say why, with how the sentence names them. */
  private static final Map<String, String> DOUBTFUL = Map.of("DAMAGED", "damaged", "INCOMPLETE", "incomplete",
      "WRONG_ITEM", "not the item sold");
  /** The case types whose passed inspection pays the refund; an exchange or re-shipment pays none. */
  private static final java.util.Set<String> REFUNDED = java.util.Set.of("RETURN", "REFUND_ONLY");
  private static final Pattern LINKS = Pattern.compile("(\\s*https://\\S+\\s*)*");

  @Override
  public void notify(DelegateTask task) {
    if (!(task.getVariable(Var.INSPECTION_PASSED) instanceof Boolean)) {
      throw new NotValidException("Say whether the goods passed the inspection");
    }
    BigDecimal deductions = Amounts.of(task.getVariable(Var.DEDUCTIONS));
    BigDecimal requested = new BigDecimal(task.getVariable(Var.REQUESTED_AMOUNT).toString());
    if (deductions != null && (deductions.signum() < 0 || deductions.compareTo(requested) >= 0)) {
      throw new NotValidException("Deductions must be at least 0 and less than the " + requested.toPlainString()
          + " asked for; for worthless goods fail the inspection instead");
    }
    String condition = String.valueOf(task.getVariable(Var.INSPECTION_CONDITION));
    Object notes = task.getVariable(Var.INSPECTION_NOTES);
    if (Boolean.TRUE.equals(task.getVariable(Var.INSPECTION_PASSED)) && DOUBTFUL.containsKey(condition)
        && !condition.equals(String.valueOf(task.getVariable(Var.REASON)))
        && REFUNDED.contains(String.valueOf(task.getVariable(Var.CASE_TYPE)))
        && (deductions == null || deductions.signum() == 0) && (notes == null || notes.toString().isBlank())) {
      throw new NotValidException("Goods recorded as " + DOUBTFUL.get(condition) + " passed with a full refund: "
          + "say in the notes why, or take a deduction, or fail the inspection");
    }
    Object photos = task.getVariable(Var.INSPECTION_PHOTOS);
    if (photos != null && !LINKS.matcher(photos.toString()).matches()) {
      throw new NotValidException("Photos: give one https link per line");
    }
  }
}
