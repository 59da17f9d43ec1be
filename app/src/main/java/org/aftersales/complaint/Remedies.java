package org.aftersales.complaint;

import static org.aftersales.complaint.ComplaintProcess.Var;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.CaseStatus;
import org.aftersales.cases.CaseType;
import org.aftersales.cases.CaseView;
import org.aftersales.complaint.ComplaintProcess.ForcedRemedy;
import org.aftersales.complaint.ComplaintProcess.Penalty;
import org.aftersales.payment.PayoutCap;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.stereotype.Component;

/**
 * Checks what a handler or supervisor decided on a complaint (or an appeal) before the task may complete, and
 * puts it in the variables the flow reads: whether upheld, the compensation (never beyond the rule table's cap
 * nor what {@link PayoutCap} leaves on the order, counting what was already paid), a forced return or refund on the linked case (only a closed return case
 * with money left to refund), and a penalty within the configured bounds. A dismissal clears every remedy.
 */
@Component
public class Remedies {

  private static final Pattern MARKUP = Pattern.compile("<\\s*[a-zA-Z/!?]|javascript:", Pattern.CASE_INSENSITIVE);

  /** What was decided, ready for the notices. */
  public record Decided(boolean upheld, String reasons, BigDecimal compensation, ForcedRemedy forced, Penalty penalty,
      int points, BigDecimal fine, String customerText, String sellerText) {}

  private final CaseRepository cases;
  private final ComplaintBook complaints;
  private final PayoutCap cap;
  private final ComplaintLimits limits;

  public Remedies(CaseRepository cases, ComplaintBook complaints, PayoutCap cap, ComplaintLimits limits) {
    this.cases = cases;
    this.complaints = complaints;
    this.cap = cap;
    this.limits = limits;
  }

  /** Reads and checks the decision fields named {@code decisionVar} and {@code reasonsVar}, then the remedies. */
  public Decided check(DelegateTask task, String decisionVar, String reasonsVar) {
    String caseId = task.getExecution().getProcessBusinessKey();
    CaseRecord c = cases.find(caseId).orElseThrow();
    ComplaintBook.Complaint k = complaints.find(caseId).orElseThrow();
    Object decision = task.getVariable(decisionVar);
    if (!ComplaintProcess.UPHELD.equals(decision) && !ComplaintProcess.DISMISSED.equals(decision)) {
      throw new NotValidException("Decision: choose upheld or dismissed");
    }
    String reasons = text(task.getVariable(reasonsVar));
    if (reasons.isBlank() || reasons.length() > 4000 || MARKUP.matcher(reasons).find()) {
      throw new NotValidException("Reasons: say why, in plain text of at most 4000 characters");
    }
    boolean upheld = ComplaintProcess.UPHELD.equals(decision);
    BigDecimal compensation = BigDecimal.ZERO.setScale(2);
    ForcedRemedy forced = ForcedRemedy.NONE;
    Penalty penalty = Penalty.NONE;
    int points = 0;
    BigDecimal fine = null;
    if (upheld) {
      forced = forced(task, k);
      compensation = compensation(task, c, k, forced);
      penalty = choice(Penalty.class, task.getVariable(Var.PENALTY), "Penalty");
      if (penalty == Penalty.POINTS) {
        points = points(task.getVariable(Var.PENALTY_POINTS));
      } else if (penalty == Penalty.FINE) {
        fine = fine(task.getVariable(Var.FINE_AMOUNT));
      }
    }
    task.setVariable(Var.COMPENSATION_AMOUNT, CaseView.money(compensation));
    task.setVariable(Var.COMPENSATE, compensation.signum() > 0);
    task.setVariable(Var.REFUND_AMOUNT, CaseView.money(compensation));
    task.setVariable(Var.FORCED_REMEDY, forced.name());
    task.setVariable(Var.PENALTY, penalty.name());
    task.setVariable(Var.PENALTY_POINTS, points);
    task.setVariable(Var.FINE_AMOUNT, fine == null ? "" : CaseView.money(fine));
    Decided decided = new Decided(upheld, reasons, compensation, forced, penalty, points, fine,
        customerText(upheld, reasons, compensation, forced, k, c), sellerText(upheld, reasons, penalty, points, fine, c));
    task.setVariable("customerDecisionText", decided.customerText());
    task.setVariable("sellerDecisionText", decided.sellerText());
    return decided;
  }

  private BigDecimal compensation(DelegateTask task, CaseRecord c, ComplaintBook.Complaint k, ForcedRemedy forced) {
    Object value = task.getVariable(Var.COMPENSATION_AMOUNT);
    String text = text(value).trim();
    BigDecimal amount;
    try {
      amount = text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new NotValidException("Compensation: not an amount: " + text);
    }
    PayoutCap.Room left = cap.room(c.caseId());
    if (forced != ForcedRemedy.NONE && !left.counterfeit()) {
      // the forced refund on the linked case is paid from the same order: both together stay within it
      PayoutCap.Room linked = cap.room(k.linkedCaseId());
      left = new PayoutCap.Room(left.amount().subtract(linked.amount()).max(BigDecimal.ZERO), left.why()
          + "; the forced refund on case " + k.linkedCaseId() + " takes up to " + CaseView.money(linked.amount()) + " of it",
          false);
    }
    if (amount.signum() < 0 || amount.scale() > 2 || !left.allows(amount)) {
      throw new NotValidException("Compensation: from 0 to " + CaseView.money(left.amount()) + " " + c.currency()
          + ", at most two decimals (the rule table allows " + CaseView.money(k.compensationCap())
          + " for this complaint; " + left.why() + ")");
    }
    return amount.setScale(2);
  }

  private ForcedRemedy forced(DelegateTask task, ComplaintBook.Complaint k) {
    ForcedRemedy forced = choice(ForcedRemedy.class, task.getVariable(Var.FORCED_REMEDY), "Forced remedy");
    if (forced == ForcedRemedy.NONE) {
      return forced;
    }
    CaseRecord linked = k.linkedCaseId() == null ? null : cases.find(k.linkedCaseId()).orElse(null);
    if (linked == null) {
      throw new NotValidException("Forced return or refund: the complaint names no after-sales case to act on");
    }
    if (!CaseType.RETURN.processKey().equals(linked.type().processKey())) {
      throw new NotValidException("Forced return or refund: case " + linked.caseId() + " is a " + linked.type()
          + " case; only a return, refund, exchange or re-shipment case can be reopened");
    }
    if (linked.status() != CaseStatus.CLOSED) {
      throw new NotValidException("Forced return or refund: case " + linked.caseId() + " is still open ("
          + linked.stage() + "); let it finish or ask the agents to decide it");
    }
    PayoutCap.Room left = cap.room(linked.caseId());
    if (left.amount().signum() <= 0) {
      throw new NotValidException("Forced return or refund: nothing more can be refunded on case " + linked.caseId()
          + " (" + left.why() + ")");
    }
    return forced;
  }

  private int points(Object value) {
    int max = limits.properties().maxPenaltyPoints();
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 1 || n.intValue() > max) {
      throw new NotValidException("Penalty points: a whole number from 1 to " + max);
    }
    return n.intValue();
  }

  private BigDecimal fine(Object value) {
    BigDecimal max = limits.properties().maxFine();
    try {
      BigDecimal fine = new BigDecimal(text(value).trim());
      if (fine.signum() > 0 && fine.scale() <= 2 && fine.compareTo(max) <= 0) {
        return fine.setScale(2);
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new NotValidException("Fine: an amount above 0 and up to " + CaseView.money(max) + ", at most two decimals");
  }

  private static <E extends Enum<E>> E choice(Class<E> type, Object value, String field) {
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(value)) {
        return e;
      }
      names.add(e.name());
    }
    throw new NotValidException(field + ": choose one of " + String.join(", ", names));
  }

  private static String customerText(boolean upheld, String reasons, BigDecimal compensation, ForcedRemedy forced,
      ComplaintBook.Complaint k, CaseRecord c) {
    StringBuilder text = new StringBuilder(upheld ? "upheld. " : "not upheld. ").append(reasons);
    if (compensation.signum() > 0) {
      text.append(" We are paying you compensation of ").append(CaseView.money(compensation)).append(' ').append(c.currency())
          .append(" to your original payment method.");
    }
    if (forced == ForcedRemedy.FORCED_REFUND) {
      text.append(" Case ").append(k.linkedCaseId()).append(" is reopened and refunded.");
    } else if (forced == ForcedRemedy.FORCED_RETURN) {
      text.append(" Case ").append(k.linkedCaseId()).append(" is reopened: send the goods back and you are refunded.");
    }
    return text.toString();
  }

  private static String sellerText(boolean upheld, String reasons, Penalty penalty, int points, BigDecimal fine, CaseRecord c) {
    StringBuilder text = new StringBuilder(upheld ? "the complaint is upheld. " : "the complaint is dismissed. ").append(reasons);
    switch (penalty) {
      case WARNING -> text.append(" Penalty: a warning.");
      case POINTS -> text.append(" Penalty: ").append(points).append(" points deducted.");
      case FINE -> text.append(" Penalty: a fine of ").append(CaseView.money(fine)).append(' ').append(c.currency()).append('.');
      default -> { }
    }
    return text.toString();
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
