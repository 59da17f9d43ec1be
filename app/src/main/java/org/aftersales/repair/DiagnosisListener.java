package org.aftersales.repair;

import static org.aftersales.repair.RepairProcess.Var;

import java.math.BigDecimal;
import java.util.Arrays;
import org.aftersales.cases.FaultCause;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.stereotype.Component;

/** Completion of {@code Task_Diagnose}: a cause from the list, a quote of at least 0 with two decimals (none needed
 * when the repair is free inside the warranty), days from 0 to 90. */
@Component
public class DiagnosisListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object cause = task.getVariable(Var.DIAGNOSED_CAUSE);
    if (cause == null || Arrays.stream(FaultCause.values()).noneMatch(f -> f.name().equals(cause))) {
      throw new NotValidException("Choose the cause of the fault");
    }
    Object quote = task.getVariable(Var.QUOTE_AMOUNT);
    // free inside the warranty: no estimate is needed; a repair at the customer's cost needs the quote they accept
    if ((quote == null || quote.toString().isBlank()) && RepairProcess.PAID.equals(task.getVariable(Var.COVERAGE))) {
      throw new NotValidException("Estimated cost: the repair is at the customer's cost, so enter the quote they are asked to accept");
    }
    BigDecimal amount;
    try {
      amount = quote == null || quote.toString().isBlank() ? BigDecimal.ZERO : new BigDecimal(quote.toString().trim());
    } catch (NumberFormatException e) {
      throw new NotValidException("Estimated cost: not an amount: " + quote);
    }
    if (amount.signum() < 0 || amount.scale() > 2 || amount.compareTo(new BigDecimal("100000")) > 0) {
      throw new NotValidException("Estimated cost: between 0 and 100000, at most two decimals");
    }
    task.setVariable(Var.QUOTE_AMOUNT, amount.setScale(2).toPlainString());
    Object days = task.getVariable(Var.ESTIMATED_DAYS);
    if (days != null && (!(days instanceof Number n) || n.intValue() < 0 || n.intValue() > 90)) {
      throw new NotValidException("Estimated days: a number from 0 to 90");
    }
  }
}
