package org.aftersales.cases;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.aftersales.cases.CaseRecord.CaseDetails;
import org.aftersales.cases.CaseRecord.CaseItem;
import org.aftersales.cases.documents.CaseDocuments;
import org.aftersales.cases.documents.DocumentView;
import org.aftersales.system.BusinessTime;
import org.aftersales.system.web.ConflictException;
import org.aftersales.system.web.NotFoundException;
import org.aftersales.system.web.UnprocessableException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens, reads and withdraws cases. A case is a record in our tables plus one process instance whose
 * business key is the case id; both are created in one transaction, so neither exists without the other.
 * A case that opens is announced as a {@link CaseOpened} event in that transaction.
 */
@Service("afterSalesCaseService") // "caseService" is the name of Camunda's CMMN service bean
public class CaseService {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final String ID_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A case was opened just now, in the running transaction. */
  public record CaseOpened(String caseId, CaseType type) {}

  private final CaseRepository cases;
  private final ComplaintRecords complaints;
  private final CaseRequestValidator validator;
  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final CaseDocuments documents;
  private final PayoutLimits payouts;
  private final CaseTexts texts;
  private final BusinessTime time;

  public CaseService(CaseRepository cases, ComplaintRecords complaints, CaseRequestValidator validator,
      RuntimeService runtime, RepositoryService repository, Clock clock, ApplicationEventPublisher events,
      CaseDocuments documents, PayoutLimits payouts, CaseTexts texts, BusinessTime time) {
    this.time = time;
    this.cases = cases;
    this.complaints = complaints;
    this.validator = validator;
    this.runtime = runtime;
    this.repository = repository;
    this.clock = clock;
    this.events = events;
    this.documents = documents;
    this.payouts = payouts;
    this.texts = texts;
  }

  @Transactional
  public CaseView open(OpenCaseRequest request, String openedBy) {
    validator.validate(request);
    String processKey = request.type().processKey();
    if (request.complaint() != null && request.complaint().linkedCaseId() != null) {
      checkLinkedCase(request);
    }
    CaseRecord record = newRecord(request, openedBy);
    if (record.type() == CaseType.RETURN || record.type() == CaseType.REFUND_ONLY) {
      nothingLeftToRefund(record);
    }
    cases.insert(record);
    if (request.complaint() != null) {
      complaints.insert(record, request.complaint());
    }
    cases.addEvent(record.caseId(), record.openedAt(), "CASE_OPENED", "Case opened", openedBy);
    try {
      runtime.startProcessInstanceByKey(processKey, record.caseId(), startVariables(record, request));
    } catch (NullValueException e) {
      // the engine found no version to start (asked only then, not before every case: issue 21); this transaction
      // rolls back with the answer, and the case record with it
      if (repository.createProcessDefinitionQuery().processDefinitionKey(processKey).count() == 0) {
        throw new UnprocessableException("Cases of type " + request.type() + " cannot be opened yet: the process '"
            + processKey + "' is not deployed.");
      }
      throw e;
    }
    events.publishEvent(new CaseOpened(record.caseId(), record.type()));
    return view(record.caseId());
  }

  /** 409 for a refund request on goods whose price was paid back already (by refunds or compensation). */
  private void nothingLeftToRefund(CaseRecord record) {
    java.util.Map<String, BigDecimal> lines = new java.util.HashMap<>();
    record.items().forEach(i -> lines.merge(i.sku(), i.unitPrice().multiply(BigDecimal.valueOf(i.orderedQuantity())),
        BigDecimal::max));
    PayoutLimits.Room room = payouts.roomForNew(record.customerId(), record.orderId(), record.paidAmount(), lines,
        record.currency());
    if (room.amount().signum() <= 0) {
      throw new ConflictException("Nothing more can be refunded for order " + record.orderId() + ": " + room.why()
          + ". Ask for an exchange or a repair instead.");
    }
  }

  @Transactional(readOnly = true)
  public CaseView view(String caseId) {
    CaseRecord record = cases.find(caseId).orElseThrow(() -> unknown(caseId));
    return CaseView.of(record, cases.timeline(caseId),
        documents.list(caseId).stream().map(DocumentView::of).toList(), texts, time);
  }

  /** The case, if the caller may see it: a caller acting for a customer sees only that customer's cases. */
  @Transactional(readOnly = true)
  public CaseView view(String caseId, String actingForCustomer) {
    CaseView view = view(caseId);
    if (actingForCustomer != null && !actingForCustomer.equals(view.customerId())) {
      throw unknown(caseId);
    }
    return view;
  }

  @Transactional(readOnly = true)
  public CasePage list(String customerId, int page, int size) {
    List<CaseView> items = cases.findByCustomer(customerId, page * size, size).stream()
        .map(c -> view(c.caseId())).toList();
    return new CasePage(items, page, size, cases.countByCustomer(customerId));
  }

  /** A complaint may name an after-sales case of the same customer and order, not another complaint. */
  private void checkLinkedCase(OpenCaseRequest request) {
    String linked = request.complaint().linkedCaseId();
    CaseRecord other = cases.find(linked).filter(c -> c.customerId().equals(request.customerId()))
        .orElseThrow(() -> new UnprocessableException("complaint.linkedCaseId: no case " + linked
            + " of customer " + request.customerId() + " was found."));
    if (!other.orderId().equals(request.orderId())) {
      throw new UnprocessableException("complaint.linkedCaseId: case " + linked + " concerns order " + other.orderId()
          + ", not " + request.orderId() + ".");
    }
    if (other.type() == CaseType.COMPLAINT) {
      throw new UnprocessableException("complaint.linkedCaseId: case " + linked + " is itself a complaint; name the "
          + "after-sales case the complaint is about (a complaint again about the same case is a second complaint).");
    }
  }

  /** Withdraws a case at the customer's request, if it is still at a point where that is allowed. */
  @Transactional
  public CaseView cancel(String caseId, String actingForCustomer) {
    CaseRecord record = lockOpen(caseId, actingForCustomer);
    try {
      runtime.createMessageCorrelation(CaseFlow.Message.CASE_WITHDRAWN)
          .processInstanceBusinessKey(caseId).correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException("Case " + caseId + " can no longer be withdrawn: " + record.stage()
          + ". A case can be withdrawn until the refund has been sent to the payment provider or the "
          + "replacement has been handed to the carrier.");
    }
    return view(caseId);
  }

  /** The customer hands in the tracking number of the parcel they shipped back. */
  @Transactional
  public CaseView customerShipped(String caseId, String trackingNumber, String actingForCustomer) {
    CaseRecord record = lockOpen(caseId, actingForCustomer);
    try {
      runtime.createMessageCorrelation(CaseFlow.Message.CUSTOMER_SHIPPED)
          .processInstanceBusinessKey(caseId)
          .setVariable(CaseFlow.Var.TRACKING_NUMBER, trackingNumber)
          .correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException("Case " + caseId + " is not waiting for a return shipment (" + record.stage()
          + "). Send the tracking number after the return was approved, once.");
    }
    return view(caseId);
  }

  /** The customer accepts or declines a partial refund offered instead of a return. */
  @Transactional
  public CaseView answerOffer(String caseId, boolean accept, String actingForCustomer) {
    CaseRecord record = lockOpen(caseId, actingForCustomer);
    try {
      runtime.createMessageCorrelation(CaseFlow.Message.PROPOSAL_ANSWERED)
          .processInstanceBusinessKey(caseId)
          .setVariable(CaseFlow.Var.PROPOSAL_ACCEPTED, accept)
          .correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException("Case " + caseId + " has no partial refund offer waiting for an answer ("
          + record.stage() + ").");
    }
    return view(caseId);
  }

  /**
   * Reopens a closed return case on the platform's order (an upheld complaint) and runs its return flow
   * again without review: the goods come back first if {@code goodsBack}, then the refund is paid.
   */
  @Transactional
  public void reopenForComplaint(String caseId, String complaintCaseId, boolean goodsBack) {
    String what = goodsBack ? "return and refund" : "refund";
    reopenForRefund(caseId, goodsBack, "Reopened: the platform ordered a " + what, "Reopened: complaint "
        + complaintCaseId + " was upheld and the platform ordered a " + what, null,
        CaseFlow.Var.ORDERED_BY_COMPLAINT, complaintCaseId);
  }

  /**
   * Reopens a closed return case as service recovery after a poor follow-up survey (a supervisor's decision)
   * and runs its return flow again without review, like {@link #reopenForComplaint}.
   */
  @Transactional
  public void reopenForRecovery(String caseId, boolean goodsBack, String supervisor) {
    String what = goodsBack ? "return and refund" : "refund";
    reopenForRefund(caseId, goodsBack, "Reopened: we are arranging a " + what, "Reopened after the follow-up "
        + "visit: a supervisor arranged a " + what, supervisor, CaseFlow.Var.ORDERED_BY_RECOVERY,
        supervisor == null ? "a supervisor" : supervisor);
  }

  /** Whether {@link #reopenForRecovery} can act on the case: a closed return-flow case with money left to refund. */
  public static String whyNotReopenable(CaseRecord record) {
    if (!CaseType.RETURN.processKey().equals(record.type().processKey())) {
      return "case " + record.caseId() + " is a " + record.type() + " case; only return, refund, exchange and "
          + "re-shipment cases are reopened";
    }
    if (record.status() != CaseStatus.CLOSED) {
      return "case " + record.caseId() + " is open again already (" + record.stage() + ")";
    }
    if (record.refundable().signum() <= 0) {
      return "case " + record.caseId() + " was refunded in full already";
    }
    return null;
  }

  private void reopenForRefund(String caseId, boolean goodsBack, String stage, String event, String actor,
      String orderedByVariable, String orderedBy) {
    CaseRecord record = cases.findForUpdate(caseId).orElseThrow(() -> unknown(caseId));
    if (!CaseType.RETURN.processKey().equals(record.type().processKey())) {
      throw new IllegalStateException("Case " + caseId + " is a " + record.type() + " case; only return cases are reopened");
    }
    if (!cases.reopen(caseId, stage)) {
      throw new IllegalStateException("Case " + caseId + " is still open; it cannot be reopened");
    }
    cases.addEvent(caseId, clock.instant(), "CASE_REOPENED", event, actor);
    CaseRecord open = cases.find(caseId).orElseThrow();
    VariableMap variables = startVariables(open, null)
        .putValue(CaseFlow.Var.CASE_TYPE, goodsBack ? CaseType.RETURN.name() : CaseType.REFUND_ONLY.name())
        .putValue(CaseFlow.Var.WITH_RETURN, goodsBack)
        .putValue(CaseFlow.Var.REQUESTED_AMOUNT, CaseView.money(open.refundable().min(open.requestedAmount())))
        .putValue(orderedByVariable, orderedBy);
    runtime.startProcessInstanceByKey(CaseType.RETURN.processKey(), caseId, variables);
  }

  /** The open case, locked until the transaction ends; 404 for unknown or foreign cases, 409 for closed ones. */
  public CaseRecord lockOpen(String caseId, String actingForCustomer) {
    CaseRecord record = cases.findForUpdate(caseId).orElseThrow(() -> unknown(caseId));
    if (actingForCustomer != null && !actingForCustomer.equals(record.customerId())) {
      throw unknown(caseId);
    }
    if (record.status() == CaseStatus.CLOSED) {
      throw new ConflictException("Case " + caseId + " is already closed (" + record.outcome() + ").");
    }
    return record;
  }

  private CaseRecord newRecord(OpenCaseRequest r, String openedBy) {
    List<CaseItem> items = new ArrayList<>();
    BigDecimal linesValue = BigDecimal.ZERO;
    for (int i = 0; i < r.items().size(); i++) {
      OpenCaseRequest.Item item = r.items().get(i);
      BigDecimal price = new BigDecimal(item.unitPrice()).setScale(2);
      items.add(new CaseItem(i + 1, item.sku(), item.name(), item.quantity(), item.ordered(), price));
      linesValue = linesValue.add(price.multiply(BigDecimal.valueOf(item.quantity())));
    }
    BigDecimal paid = new BigDecimal(r.paidAmount()).setScale(2);
    BigDecimal requested = r.requestedAmount() != null ? new BigDecimal(r.requestedAmount()).setScale(2)
        : linesValue.min(paid);
    boolean hasAddress = r.contact() != null && r.contact().address() != null;
    ReturnMethod method = r.returnMethod() != null ? r.returnMethod()
        : hasAddress ? ReturnMethod.PICKUP : ReturnMethod.SELF_SHIP;
    CaseDetails details = new CaseDetails(r.productCategory() == null ? "GENERAL" : r.productCategory(), method,
        r.withReturn() != null ? r.withReturn() : goodsComeBackByDefault(r), r.contact(),
        r.evidence() == null ? List.of() : r.evidence(), r.warrantyMonths() == null ? 12 : r.warrantyMonths(),
        r.faultCause() == null ? FaultCause.UNKNOWN : r.faultCause(), r.fault());
    return new CaseRecord(newCaseId(), r.type(), CaseStatus.OPEN, "Request received", null, r.orderId(),
        r.customerId(), r.sellerId(), r.channel(), r.reason(), r.description(),
        r.deliveredAt() == null ? null : r.deliveredAt().toInstant(), paid, requested, BigDecimal.ZERO.setScale(2),
        r.currency(), details, clock.instant(), null, null, openedBy, items);
  }

  /** Refund-only and re-shipment keep the goods where they are; a lost parcel never comes back. */
  private static boolean goodsComeBackByDefault(OpenCaseRequest r) {
    boolean neverArrived = r.reason() == Reason.LOST || r.reason() == Reason.NOT_RECEIVED;
    return switch (r.type()) {
      case RETURN -> !neverArrived;
      case EXCHANGE -> !neverArrived;
      default -> false;
    };
  }

  /**
   * What the models decide on, and only that: the rest of the case stays in the case record (delegates read it
   * there, forms get it as display values, {@link CaseSummary}).
   */
  private static VariableMap startVariables(CaseRecord c, OpenCaseRequest r) {
    return Variables.createVariables()
        .putValue(CaseFlow.Var.CASE_TYPE, c.type().name())
        .putValue(CaseFlow.Var.REASON, c.reason().name())
        .putValue(CaseFlow.Var.RETURN_METHOD, c.details().returnMethod().name())
        .putValue(CaseFlow.Var.WITH_RETURN, c.details().withReturn())
        .putValue(CaseFlow.Var.REQUESTED_AMOUNT, CaseView.money(c.requestedAmount()));
  }

  private String newCaseId() {
    return "AS-" + DAY.format(time.today()) + "-" + readableCode(6);
  }

  /** A random code of capitals and digits that cannot be mistaken for one another (no 0/O, no 1/I). */
  public static String readableCode(int length) {
    StringBuilder code = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      code.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
    }
    return code.toString();
  }

  public static NotFoundException unknown(String caseId) {
    return new NotFoundException("No case " + caseId + " was found for you. Check the case id.");
  }
}
