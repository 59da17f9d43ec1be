package org.aftersales.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes the rows of Tasklist tell cases apart: when a user task of a case is created, its name becomes what the
 * task waits for, then the case id, the customer and the amount at stake, e.g.
 * {@code 审核退货申请 · R-2026-000042 · 王小明 · ¥2,999.00}. Agents find a case by typing its id into Tasklist's
 * search ("Name like" or "Business Key"), and the name is all that Tasklist shows to every working group (they
 * may not read process variables).
 *
 * <p>"What it waits for" is the user task's {@code camunda:property listName} (designers word it in Modeler,
 * Simplified Chinese in processes/), or the element's name where it has none or where
 * {@code aftersales.tasks.row-language=en}. The customer is the contact's name, else the customer id; the amount
 * is what the customer asked for, else what was paid ({@code ¥} for CNY, else the currency code after it).
 * Attached to every user task by {@link CaseProgressPlugin}; tasks without a case keep their name.
 */
@Component
public class TaskRows {

  static final String LIST_NAME = "listName";
  static final String SEPARATOR = " · ";
  /** ACT_RU_TASK.NAME_ holds 255 characters. */
  static final int MAX_LENGTH = 255;

  private final CaseRepository cases;
  private final boolean english;

  public TaskRows(CaseRepository cases, @Value("${aftersales.tasks.row-language:zh}") String language) {
    this.cases = cases;
    this.english = "en".equalsIgnoreCase(language.trim());
  }

  /** A listener for one user task, which knows the task's {@code listName} from the model (or none). */
  TaskListener forTask(String listName) {
    return task -> name(task, english || listName == null || listName.isBlank() ? null : listName.trim());
  }

  private void name(DelegateTask task, String listName) {
    String caseId = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
    if (caseId == null) {
      return;
    }
    String waitsFor = listName != null ? listName : task.getName();
    cases.find(caseId).ifPresent(c -> task.setName(row(waitsFor, c)));
  }

  static String row(String waitsFor, CaseRecord c) {
    StringBuilder row = new StringBuilder();
    if (waitsFor != null && !waitsFor.isBlank()) {
      row.append(waitsFor.strip()).append(SEPARATOR);
    }
    row.append(c.caseId()).append(SEPARATOR).append(customer(c));
    BigDecimal amount = c.requestedAmount() != null ? c.requestedAmount() : c.paidAmount();
    if (amount != null) {
      row.append(SEPARATOR).append(money(amount, c.currency()));
    }
    return row.length() > MAX_LENGTH ? row.substring(0, MAX_LENGTH - 1) + "…" : row.toString();
  }

  private static String customer(CaseRecord c) {
    OpenCaseRequest.Contact contact = c.details() == null ? null : c.details().contact();
    return contact != null && contact.name() != null && !contact.name().isBlank() ? contact.name().strip()
        : c.customerId();
  }

  static String money(BigDecimal amount, String currency) {
    String digits = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT))
        .format(amount.setScale(2, RoundingMode.HALF_UP));
    return "CNY".equalsIgnoreCase(currency) ? "¥" + digits : digits + (currency == null ? "" : " " + currency);
  }
}
