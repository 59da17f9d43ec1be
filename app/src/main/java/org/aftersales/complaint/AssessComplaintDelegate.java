package org.aftersales.complaint;

import static org.aftersales.complaint.ComplaintProcess.Var;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.aftersales.cases.CaseProgress;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.CaseView;
import org.aftersales.complaint.ComplaintBook.Complaint;
import org.aftersales.payment.PayoutCap;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * {@code Task_AssessComplaint}: whether this is a second complaint (same customer, same order or case, within
 * the configured period) and whether the customer complained about this seller before; then the rule table
 * {@code complaint-severity} gives priority, limits and the most compensation. Also gathers what the handler
 * reads: the chat record and the history of the order's other cases.
 */
@Component
public class AssessComplaintDelegate implements JavaDelegate {

  private final CaseRepository cases;
  private final ComplaintBook complaints;
  private final ComplaintLimits limits;
  private final DecisionService decisions;
  private final CaseProgress progress;
  private final Clock clock;
  private final PayoutCap payouts;

  public AssessComplaintDelegate(CaseRepository cases, ComplaintBook complaints, ComplaintLimits limits,
      DecisionService decisions, CaseProgress progress, Clock clock, PayoutCap payouts) {
    this.cases = cases;
    this.complaints = complaints;
    this.limits = limits;
    this.decisions = decisions;
    this.progress = progress;
    this.clock = clock;
    this.payouts = payouts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRecord c = cases.find(execution.getProcessBusinessKey()).orElseThrow();
    Complaint k = complaints.find(c.caseId()).orElseThrow(() -> new IllegalStateException("No complaint record for " + c.caseId()));
    Optional<String> earlier = complaints.earlierComplaint(k,
        limits.startOfDaysBefore(k.openedAt(), limits.properties().secondComplaintPeriod()));
    boolean second = earlier.isPresent();
    boolean before = complaints.complainedBefore(k);
    Map<String, Object> inputs = Variables.createVariables().putValue("category", k.category().name())
        .putValue("amount", c.paidAmount().doubleValue()).putValue("complainedBefore", before)
        .putValue("secondComplaint", second);
    DmnDecisionResultEntries severity = decisions.evaluateDecisionByKey(ComplaintProcess.SEVERITY_DECISION)
        .variables(inputs).evaluate().getSingleResult();
    if (severity == null) {
      throw new IllegalStateException("Decision " + ComplaintProcess.SEVERITY_DECISION + " has no rule for " + inputs);
    }
    Instant now = clock.instant();
    Duration firstResponse = Duration.ofHours(((Number) severity.get("firstResponseHours")).longValue());
    Duration resolution = Duration.ofHours(((Number) severity.get("resolutionHours")).longValue());
    BigDecimal multiple = BigDecimal.valueOf(((Number) severity.get("compensationMultiple")).doubleValue());
    BigDecimal cap = c.paidAmount().multiply(multiple).setScale(2, RoundingMode.HALF_UP);
    Instant sellerDue = limits.sellerStatementDue(now, resolution);
    String priority = String.valueOf(severity.get("priority"));
    complaints.assessed(c.caseId(), second, earlier.orElse(null), before, priority, now.plus(firstResponse),
        now.plus(resolution), cap, sellerDue);

    execution.setVariable(Var.CATEGORY, k.category().name());
    execution.setVariable(Var.SECOND_COMPLAINT, second);
    execution.setVariable(Var.EARLIER_CASE, earlier.orElse(""));
    execution.setVariable(Var.COMPLAINED_BEFORE, before);
    execution.setVariable(Var.PRIORITY, priority);
    execution.setVariable(Var.TASK_PRIORITY, ((Number) severity.get("taskPriority")).intValue());
    execution.setVariable(Var.FIRST_RESPONSE_DUE, Date.from(now.plus(firstResponse)));
    execution.setVariable(Var.RESOLUTION_DUE, Date.from(now.plus(resolution)));
    execution.setVariable(Var.RESOLUTION_WARNING_AT, Date.from(limits.warningAt(now, resolution)));
    execution.setVariable(Var.SELLER_STATEMENT_DUE, Date.from(sellerDue));
    execution.setVariable(Var.FIRST_RESPONSE_DUE_TEXT, ComplaintLimits.TEXT.format(now.plus(firstResponse)));
    execution.setVariable(Var.RESOLUTION_DUE_TEXT, ComplaintLimits.TEXT.format(now.plus(resolution)));
    execution.setVariable(Var.SELLER_STATEMENT_DUE_TEXT, ComplaintLimits.TEXT.format(sellerDue));
    // the form offers only what may still be paid: the rule table's cap, less what the order already paid out
    BigDecimal room = payouts.room(c.caseId()).amount().min(cap);
    execution.setVariable(Var.MAX_COMPENSATION, CaseView.money(room));
    execution.setVariable(Var.COMPENSATION_AMOUNT, Boolean.TRUE.equals(severity.get("suggestCompensation"))
        ? CaseView.money(room) : "0.00");
    execution.setVariable(Var.FORCED_REMEDY, ComplaintProcess.ForcedRemedy.NONE.name());
    execution.setVariable(Var.PENALTY, ComplaintProcess.Penalty.NONE.name());
    execution.setVariable(Var.SELLER_HEARD, false);
    execution.setVariable(Var.SELLER_STATEMENT, "");
    execution.setVariable(Var.SELLER_EVIDENCE, "");
    execution.setVariable(Var.APPEALED, false);
    execution.setVariable(Var.UPHELD, false);
    execution.setVariable("complaintSummary", k.category().name().toLowerCase().replace('_', ' ')
        + (c.description() == null || c.description().isBlank() ? "" : ": " + c.description()));
    execution.setVariable(Var.CHAT_RECORD, String.join("\n", k.chatRecord()));
    execution.setVariable("linkedCaseId", k.linkedCaseId() == null ? "" : k.linkedCaseId());
    execution.setVariable(Var.LINKED_CASES, history(c, k));
    progress.record(c.caseId(), "COMPLAINT_ASSESSED", "Complaint assessed: " + priority + " priority, first answer by "
        + ComplaintLimits.TEXT.format(now.plus(firstResponse)) + ", decision by " + ComplaintLimits.TEXT.format(now.plus(resolution))
        + (second ? "; second complaint (earlier: " + earlier.get() + "), handled by a supervisor" : ""), null);
  }

  /** The order's other cases of this customer, with their timelines, for the handler to read. */
  private String history(CaseRecord complaint, Complaint k) {
    String text = cases.findForOrder(complaint.customerId(), complaint.orderId()).stream()
        .filter(other -> !other.caseId().equals(complaint.caseId()))
        .map(other -> other.caseId() + (other.caseId().equals(k.linkedCaseId()) ? " (the case complained about)" : "")
            + ": " + other.type() + ", " + other.status() + (other.outcome() == null ? "" : " " + other.outcome())
            + ", " + other.stage() + "\n" + cases.timeline(other.caseId()).stream().limit(30)
                .map(e -> "  " + ComplaintLimits.TEXT.format(e.at()) + "  " + e.event()).collect(Collectors.joining("\n")))
        .collect(Collectors.joining("\n\n"));
    return text.isEmpty() ? "No other after-sales case for this order." : text;
  }

}
