package org.aftersales.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One case as stored in {@code as_case}, with its order lines. */
public record CaseRecord(
    String caseId, CaseType type, CaseStatus status, String stage, Outcome outcome,
    String orderId, String customerId, String sellerId, Channel channel, Reason reason, String description,
    Instant deliveredAt, BigDecimal paidAmount, BigDecimal requestedAmount, BigDecimal refundedAmount,
    String currency, CaseDetails details, Instant openedAt, Instant closedAt, Instant dueAt, String openedBy,
    List<CaseItem> items) {

  /** This case at another stage and due date, all else alike. */
  public CaseRecord withStage(String newStage, Instant newDueAt) {
    return new CaseRecord(caseId, type, status, newStage, outcome, orderId, customerId, sellerId, channel, reason,
        description, deliveredAt, paidAmount, requestedAmount, refundedAmount, currency, details, openedAt, closedAt,
        newDueAt, openedBy, items);
  }

  /** An order line of the case. */
  public record CaseItem(int lineNo, String sku, String name, int quantity, int orderedQuantity, BigDecimal unitPrice) {}

  /** What the request said beyond the columns: contact, evidence, return preferences. */
  public record CaseDetails(String productCategory, ReturnMethod returnMethod, Boolean withReturn,
      OpenCaseRequest.Contact contact, List<String> evidence, Integer warrantyMonths, FaultCause faultCause,
      String fault) {

    /** The same details with more evidence and, if given, a new description of the fault. */
    public CaseDetails withEvidence(List<String> more) {
      List<String> all = new java.util.ArrayList<>(evidence == null ? List.of() : evidence);
      all.addAll(more);
      return new CaseDetails(productCategory, returnMethod, withReturn, contact, List.copyOf(all), warrantyMonths,
          faultCause, fault);
    }
  }

  /** What may still be refunded: never more than was paid in total over the case. */
  public BigDecimal refundable() {
    return paidAmount.subtract(refundedAmount).max(BigDecimal.ZERO);
  }
}
