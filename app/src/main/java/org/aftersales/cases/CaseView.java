package org.aftersales.cases;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.aftersales.cases.documents.DocumentView;
import org.aftersales.system.BusinessTime;

/**
 * A case as shops and customers read it ({@code GET /api/cases/{caseId}}), with its documents' links, the
 * customer's own description and contact; stage and timeline in the customer's language ({@code contact.language}),
 * times in the timeline's texts written for people in the business zone.
 */
public record CaseView(
    String caseId, CaseType type, CaseStatus status, String stage, String orderId, String customerId,
    String sellerId, String description, OpenCaseRequest.Contact contact, OffsetDateTime openedAt, OffsetDateTime closedAt, Outcome outcome, String paidAmount,
    String requestedAmount, String refundedAmount, String currency, OffsetDateTime dueAt, List<Line> items,
    List<Event> timeline, List<DocumentView> documents) {

  /** An order line. */
  public record Line(String sku, String name, int quantity, String unitPrice) {}

  /** A timeline entry. */
  public record Event(OffsetDateTime at, String event) {}

  static CaseView of(CaseRecord c, List<TimelineEntry> timeline, List<DocumentView> documents, CaseTexts texts,
      BusinessTime time) {
    OpenCaseRequest.Contact contact = c.details() == null ? null : c.details().contact();
    String language = contact == null ? null : contact.language();
    return new CaseView(c.caseId(), c.type(), c.status(), texts.in(language, c.stage()), c.orderId(), c.customerId(),
        c.sellerId(), c.description(), contact, time(c.openedAt()), time(c.closedAt()), c.outcome(), money(c.paidAmount()), money(c.requestedAmount()),
        money(c.refundedAmount()), c.currency(), time(c.dueAt()),
        c.items().stream().map(i -> new Line(i.sku(), i.name(), i.quantity(), money(i.unitPrice()))).toList(),
        timeline.stream().map(t -> new Event(time(t.at()),
            time.readableTimes(texts.in(language, t.event()), language))).toList(), documents);
  }

  public static String money(java.math.BigDecimal amount) {
    return amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
  }

  private static OffsetDateTime time(java.time.Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
