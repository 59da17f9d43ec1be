package org.aftersales.complaint;

import static org.aftersales.complaint.ComplaintProcess.Var;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aftersales.cases.CaseProgress;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.CaseService;
import org.aftersales.cases.CaseType;
import org.aftersales.cases.CaseView;
import org.aftersales.cases.ComplaintCategory;
import org.aftersales.system.web.ConflictException;
import org.aftersales.system.web.NotFoundException;
import org.aftersales.system.web.RetryLaterException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the seller and the customer hand in during a complaint: the seller's statement, the customer's appeal. */
@Service
public class ComplaintService {

  /** A complaint as the API shows it, with the penalties it imposed. */
  public record ComplaintView(String caseId, ComplaintCategory category, String sellerId, String linkedCaseId,
      boolean secondComplaint, String earlierCaseId, String priority, Instant firstResponseDue, Instant resolutionDue,
      String maxCompensation, Instant sellerStatementDue, String sellerStatement, List<String> sellerEvidence,
      Instant sellerAnsweredAt, Instant supervisorsWarnedAt, Instant escalatedAt, String decision, String decisionReasons,
      Instant decidedAt, Instant appealDue, String appealReason, Instant appealedAt, String appealDecision,
      String appealReasons, Instant appealDecidedAt, List<ComplaintBook.Penalty> penalties) {}

  /** Process variable: the staff member who recorded the seller's statement; null when the seller sent it. */
  static final String STATEMENT_RECORDED_BY = "sellerStatementRecordedBy";

  private final CaseService cases;
  private final CaseRepository records;
  private final ComplaintBook complaints;
  private final RuntimeService runtime;
  private final CaseProgress progress;
  private final Clock clock;

  public ComplaintService(CaseService cases, CaseRepository records, ComplaintBook complaints, RuntimeService runtime,
      CaseProgress progress, Clock clock) {
    this.cases = cases;
    this.records = records;
    this.complaints = complaints;
    this.runtime = runtime;
    this.progress = progress;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public ComplaintView view(String caseId, String actingForCustomer) {
    cases.view(caseId, actingForCustomer);
    return view(caseId);
  }

  /** The complaint record of a case, for the seller it is about; 404 for any other seller, as for an unknown case. */
  public ComplaintView viewForSeller(String caseId, String sellerId) {
    if (complaints.find(caseId).filter(k -> sellerId.equals(k.sellerId())).isEmpty()) {
      throw new NotFoundException("No complaint " + caseId + " about seller " + sellerId + " was found.");
    }
    return view(caseId);
  }

  private ComplaintView view(String caseId) {
    ComplaintBook.Complaint k = complaints.find(caseId).orElseThrow(() -> notAComplaint(caseId));
    return new ComplaintView(k.caseId(), k.category(), k.sellerId(), k.linkedCaseId(), k.secondComplaint(),
        k.earlierCaseId(), k.priority(), k.firstResponseDue(), k.resolutionDue(),
        k.compensationCap() == null ? null : CaseView.money(k.compensationCap()), k.sellerStatementDue(),
        k.sellerStatement(), k.sellerEvidence(), k.sellerAnsweredAt(), k.warnedAt(), k.escalatedAt(), k.decision(),
        k.decisionReasons(), k.decidedAt(), k.appealDue(), k.appealReason(), k.appealedAt(), k.appealDecision(),
        k.appealReasons(), k.appealDecidedAt(), complaints.penaltiesOfCase(caseId));
  }

  /**
   * The seller named by the complaint answers it, once, before its deadline: itself ({@code recordedBy} null) or
   * through a staff member who records what it said ({@code recordedBy} their user id, shown in the timeline).
   */
  @Transactional
  public CaseView sellerStatement(String caseId, String sellerId, String statement, List<String> evidence,
      String recordedBy) {
    CaseRecord c = complaintFor(caseId, null);
    if (!sellerId.equals(c.sellerId())) {
      throw new NotFoundException("No complaint " + caseId + " about seller " + sellerId + " was found.");
    }
    ComplaintBook.Complaint k = complaints.find(caseId).orElseThrow();
    try {
      runtime.createMessageCorrelation(ComplaintProcess.Message.SELLER_STATEMENT).processInstanceBusinessKey(caseId)
          .setVariable(Var.SELLER_STATEMENT, statement).setVariable(Var.SELLER_EVIDENCE, String.join("\n", evidence))
          .setVariable(Var.SELLER_HEARD, true).setVariable(STATEMENT_RECORDED_BY, recordedBy).correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      if (k.sellerAnsweredAt() == null && runtime.createExecutionQuery().processInstanceBusinessKey(caseId)
          .activityId(ComplaintProcess.Element.REQUEST_STATEMENT).count() > 0) {
        // just opened: the seller is still being asked (an asynchronous step) and the flow waits for the
        // statement only after that; the deadline is days away
        throw new RetryLaterException("Complaint " + caseId + " is still asking seller " + sellerId
            + " for a statement; send the statement again in a few seconds.");
      }
      throw new ConflictException(k.sellerAnsweredAt() != null
          ? "Seller " + sellerId + " already answered complaint " + caseId + "; a statement is taken once."
          : "Complaint " + caseId + " no longer takes a statement: " + (k.sellerStatementDue() == null
              ? "it has not been assessed yet; try again shortly."
              : "the deadline passed at " + ComplaintLimits.TEXT.format(k.sellerStatementDue()) + "."));
    }
    complaints.sellerAnswered(caseId, statement, evidence, clock.instant());
    progress.record(caseId, "SELLER_STATEMENT", (recordedBy == null ? "Seller " + sellerId + " sent its statement"
        : "Staff member " + recordedBy + " recorded the statement of seller " + sellerId)
        + (evidence.isEmpty() ? "" : " with " + evidence.size() + " piece(s) of evidence"), null);
    return cases.view(caseId);
  }

  /** The customer appeals the decision, once, within the appeal window. */
  @Transactional
  public CaseView appeal(String caseId, String reason, String actingForCustomer) {
    complaintFor(caseId, actingForCustomer);
    ComplaintBook.Complaint k = complaints.find(caseId).orElseThrow();
    Map<String, Object> variables = new HashMap<>();
    variables.put(Var.APPEAL_REASON, reason);
    variables.put(Var.APPEALED, true);
    // an upheld appeal brings its own remedies: the form starts from none, not from the first decision's
    variables.put(Var.APPEAL_DECISION, null);
    variables.put(Var.APPEAL_REASONS, null);
    variables.put(Var.COMPENSATION_AMOUNT, "0.00");
    variables.put(Var.FORCED_REMEDY, ComplaintProcess.ForcedRemedy.NONE.name());
    variables.put(Var.PENALTY, ComplaintProcess.Penalty.NONE.name());
    try {
      runtime.createMessageCorrelation(ComplaintProcess.Message.APPEAL).processInstanceBusinessKey(caseId)
          .setVariables(variables).correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException(k.appealedAt() != null
          ? "Complaint " + caseId + " was appealed already; a decision may be appealed once."
          : "Complaint " + caseId + " has no decision to appeal yet (" + records.find(caseId).orElseThrow().stage() + ").");
    }
    complaints.appealed(caseId, reason, clock.instant());
    progress.record(caseId, "COMPLAINT_APPEALED", "The customer appealed the decision", null);
    return cases.view(caseId);
  }

  private CaseRecord complaintFor(String caseId, String actingForCustomer) {
    CaseRecord c;
    try {
      c = cases.lockOpen(caseId, actingForCustomer);
    } catch (ConflictException closed) {
      ComplaintBook.Complaint k = complaints.find(caseId).orElse(null);
      if (k != null && k.appealDue() != null && k.appealedAt() == null) {
        throw new ConflictException("Complaint " + caseId + " is closed: the time to appeal ended at "
            + ComplaintLimits.TEXT.format(k.appealDue()) + ".");
      }
      throw closed;
    }
    if (c.type() != CaseType.COMPLAINT) {
      throw notAComplaint(caseId);
    }
    return c;
  }

  private static NotFoundException notAComplaint(String caseId) {
    return new NotFoundException("Case " + caseId + " is not a complaint.");
  }
}
