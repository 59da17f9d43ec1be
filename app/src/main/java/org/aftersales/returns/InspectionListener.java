package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Completion of {@code Task_InspectGoods}: a pass or fail, deductions below what was asked, photos as https links. */
@Component
public class InspectionListener implements TaskListener {

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
    Object photos = task.getVariable(Var.INSPECTION_PHOTOS);
    if (photos != null && !LINKS.matcher(photos.toString()).matches()) {
      throw new NotValidException("Photos: give one https link per line");
    }
  }
}
