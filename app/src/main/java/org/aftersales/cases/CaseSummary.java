package org.aftersales.cases;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.aftersales.cases.documents.CaseDocument;
import org.aftersales.cases.documents.CaseDocuments;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Puts the case in front of whoever works a task: when any user task of any flow is created, it gets the
 * task variables {@code caseSummary} (customer, order lines, amounts, stage), {@code caseHistory} (the case's
 * timeline so far) and {@code caseDocuments} (Markdown links to the case's photos and documents), which every
 * form shows read-only, so that nobody has to look elsewhere to decide.
 * Attached to every user task by {@link CaseProgressPlugin}; tasks without a case (no business key) get none.
 */
@Component
public class CaseSummary implements TaskListener {

  public static final String SUMMARY = "caseSummary";
  public static final String HISTORY = "caseHistory";
  public static final String DOCUMENTS = "caseDocuments";
  /** The newest entries of a long history; the case API has them all. */
  static final int HISTORY_LINES = 40;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final CaseRepository cases;
  private final CaseDocuments documents;

  public CaseSummary(CaseRepository cases, CaseDocuments documents) {
    this.cases = cases;
    this.documents = documents;
  }

  @Override
  public void notify(DelegateTask task) {
    String caseId = task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey();
    if (caseId == null) {
      return;
    }
    cases.find(caseId).ifPresent(c -> {
      task.setVariableLocal(SUMMARY, summary(c));
      task.setVariableLocal(HISTORY, history(cases.timeline(caseId)));
      task.setVariableLocal(DOCUMENTS, documents(documents.list(caseId)));
    });
  }

  static String summary(CaseRecord c) {
    StringBuilder text = new StringBuilder();
    text.append("Case ").append(c.caseId()).append(": ").append(c.type()).append(", reason ").append(c.reason())
        .append(", ").append(c.status()).append(c.outcome() == null ? "" : " (" + c.outcome() + ")")
        .append(", stage \"").append(c.stage()).append("\"\n");
    text.append("Opened ").append(TIME.format(c.openedAt())).append(" through ").append(c.channel())
        .append(c.dueAt() == null ? "" : ", next limit " + TIME.format(c.dueAt())).append('\n');
    text.append("Customer ").append(c.customerId()).append(contact(c)).append('\n');
    text.append("Order ").append(c.orderId()).append(" from seller ").append(c.sellerId())
        .append(c.deliveredAt() == null ? ", not delivered" : ", delivered " + TIME.format(c.deliveredAt())).append('\n');
    text.append("Paid ").append(money(c, c.paidAmount())).append(", asked for ").append(money(c, c.requestedAmount()))
        .append(", refunded so far ").append(money(c, c.refundedAmount())).append('\n');
    c.items().forEach(i -> text.append("  ").append(i.quantity()).append(" x ").append(i.name()).append(" (")
        .append(i.sku()).append(") at ").append(money(c, i.unitPrice()))
        .append(i.orderedQuantity() != i.quantity() ? ", " + i.orderedQuantity() + " ordered" : "").append('\n'));
    if (c.description() != null && !c.description().isBlank()) {
        text.append("In the customer's words: ").append(c.description().length() > 500
            ? c.description().substring(0, 500) + "…" : c.description()).append('\n');
    }
    if (c.details() != null && c.details().productCategory() != null) {
      text.append("Category ").append(c.details().productCategory()).append('\n');
    }
    return text.toString().stripTrailing();
  }

  static String history(List<TimelineEntry> timeline) {
    List<TimelineEntry> shown = timeline.size() > HISTORY_LINES
        ? timeline.subList(timeline.size() - HISTORY_LINES, timeline.size()) : timeline;
    String lines = shown.stream().map(e -> TIME.format(e.at()) + "  " + e.event()).collect(Collectors.joining("\n"));
    return timeline.size() > HISTORY_LINES
        ? "(" + (timeline.size() - HISTORY_LINES) + " earlier entries not shown)\n" + lines : lines;
  }

  /** One Markdown link a line, {@code - [name](/api/cases/…/documents/…) (by customer, 2026-11-20 10:00 UTC)}. */
  public static String documents(List<CaseDocument> documents) {
    if (documents.isEmpty()) {
      return "No documents.";
    }
    return documents.stream()
        .map(d -> "- [" + d.fileName().replaceAll("([\\\\`*_\\[\\]()<>#!|~])", "\\\\$1") + "](" + d.href()
            + ") (by " + d.party().word() + ", " + TIME.format(d.uploadedAt()) + ")")
        .collect(Collectors.joining("\n"));
  }

  private static String contact(CaseRecord c) {
    OpenCaseRequest.Contact contact = c.details() == null ? null : c.details().contact();
    if (contact == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    if (contact.name() != null) {
      text.append(", ").append(contact.name());
    }
    if (contact.phone() != null) {
      text.append(", phone ").append(contact.phone());
    }
    if (contact.email() != null) {
      text.append(", ").append(contact.email());
    }
    return text.toString();
  }

  private static String money(CaseRecord c, java.math.BigDecimal amount) {
    return amount == null ? "-" : CaseView.money(amount) + " " + c.currency();
  }
}
