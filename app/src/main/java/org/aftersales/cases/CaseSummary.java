package org.aftersales.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.aftersales.cases.documents.CaseDocument;
import org.aftersales.cases.documents.CaseDocuments;
import org.aftersales.system.BusinessTime;
import org.aftersales.system.security.TaskDisplayValues;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Puts the case in front of whoever works a task: the display values of any user task of any flow, computed from
 * its case when its form reads its variables (Tasklist's {@code form-variables}, {@link TaskDisplayValues}), never
 * stored. They are {@code caseSummary} (customer, order lines, amounts, stage), {@code caseHistory} (the case's
 * timeline so far), {@code caseDocuments} (Markdown links to the case's photos and documents) and
 * {@code caseTargets} (the first-response and resolution targets of the SLA policy and the time left), which
 * every form shows read-only, so that nobody has to look elsewhere to decide; the case record's own fields a form
 * shows ({@link #CASE_FIELDS}: the amount paid, the currency, the order, the customer's description, evidence and
 * fault). Codes the flow keeps (reason, category, who pays the postage, ...) get a display value in words
 * ({@link #WORDED}: {@code reasonText} for {@code reason}), times one in the business zone ({@link #TIMES}), and
 * {@code mostRefundable} is the most that may still be refunded (a form's maximum). Everything is written in
 * Chinese with the English word after codes, and every time in the business zone ({@link BusinessTime}). Being
 * computed at each read, they are current: a document added or a timeline entry written after the task was
 * created shows the next time the form is opened, and so does the time left. Tasks without a case (no business
 * key) get none.
 */
@Component
public class CaseSummary implements TaskDisplayValues {

  public static final String SUMMARY = "caseSummary";
  public static final String HISTORY = "caseHistory";
  public static final String DOCUMENTS = "caseDocuments";
  public static final String TARGETS = "caseTargets";
  public static final String MOST_REFUNDABLE = "mostRefundable";
  public static final String MOST_REFUNDABLE_TEXT = "mostRefundableText";
  /** Variables holding a code, and the display value that holds its words. */
  public static final Map<String, String> WORDED = words("caseType", "reason", "postagePaidBy", "inspectionCondition",
      "diagnosedCause", "complaintCategory", "priority", "complaintDecision", "closedAs", "surveyChannel", "grade");
  /** Variables holding a time (an instant, a date or a UTC text), and the display value in the business zone. */
  public static final Map<String, String> TIMES = Map.of("slotStart", "slotStartText",
      "firstResponseDueText", "firstResponseDueShown", "resolutionDueText", "resolutionDueShown",
      "sellerStatementDueText", "sellerStatementDueShown");
  /** Variables holding an English sentence of a rule table, and the display value in Chinese with the English. */
  public static final Map<String, String> TRANSLATED = Map.of("eligibilityNote", "eligibilityNoteText");
  /**
   * The case record's fields that forms show under these names (once copied into start variables; no flow needs
   * them as variables: delegates read the case record).
   */
  public static final Map<String, Function<CaseRecord, String>> CASE_FIELDS = caseFields();
  /** Every display value, for the model checks and the filters. */
  public static final List<String> VARIABLES = java.util.stream.Stream.of(
      List.of(SUMMARY, HISTORY, DOCUMENTS, TARGETS, MOST_REFUNDABLE, MOST_REFUNDABLE_TEXT),
      WORDED.values(), TRANSLATED.values(), TIMES.values(), CASE_FIELDS.keySet())
      .flatMap(java.util.Collection::stream).toList();
  /** The newest entries of a long history; the case API has them all. */
  static final int HISTORY_LINES = 40;
  private static final DateTimeFormatter UTC_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
  private static final String ZH = "zh";
  /** The flow variables the display values are made from. */
  private static final List<String> READ = java.util.stream.Stream.of(WORDED.keySet(), TIMES.keySet(),
      TRANSLATED.keySet()).flatMap(java.util.Collection::stream).toList();

  private final CaseRepository cases;
  private final CaseDocuments documents;
  private final CaseWords words;
  private final CaseTexts texts;
  private final BusinessTime time;
  private final ObjectProvider<CaseTargets> targets;
  private final StaffTexts staff;
  private final TaskService tasks;
  private final RuntimeService runtime;

  public CaseSummary(CaseRepository cases, CaseDocuments documents, CaseWords words, CaseTexts texts, BusinessTime time,
      ObjectProvider<CaseTargets> targets, StaffTexts staff, TaskService tasks, RuntimeService runtime) {
    this.cases = cases;
    this.documents = documents;
    this.words = words;
    this.texts = texts;
    this.time = time;
    this.targets = targets;
    this.staff = staff;
    this.tasks = tasks;
    this.runtime = runtime;
  }

  @Override
  public Set<String> names() {
    return Set.copyOf(VARIABLES);
  }

  @Override
  public Map<String, Object> of(String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null || task.getProcessInstanceId() == null) {
      return Map.of();
    }
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .singleResult();
    String caseId = instance == null ? null : instance.getBusinessKey();
    CaseRecord c = caseId == null ? null : cases.find(caseId).orElse(null);
    if (c == null) {
      return Map.of();
    }
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put(SUMMARY, summary(c));
    shown.put(HISTORY, history(cases.timeline(caseId)));
    shown.put(DOCUMENTS, documents(documents.list(caseId), time));
    shown.put(TARGETS, targets.getObject().describe(c, task.getDueDate()));
    BigDecimal most = c.requestedAmount() == null ? c.refundable() : c.requestedAmount().min(c.refundable());
    shown.put(MOST_REFUNDABLE, most.doubleValue());
    shown.put(MOST_REFUNDABLE_TEXT, money(c, most));
    CASE_FIELDS.forEach((name, field) -> shown.put(name, field.apply(c)));
    Map<String, Object> flow = tasks.getVariables(taskId, READ);
    WORDED.forEach((code, name) -> {
      Object value = flow.get(code);
      if (value != null) {
        shown.put(name, words.of(value));
      }
    });
    TRANSLATED.forEach((english, name) -> {
      Object value = flow.get(english);
      if (value != null) {
        String chinese = texts.in(ZH, value.toString());
        shown.put(name, chinese.equals(value.toString()) ? chinese : chinese + "（" + value + "）");
      }
    });
    TIMES.forEach((at, name) -> {
      Instant instant = instant(flow.get(at));
      if (instant != null) {
        shown.put(name, time.format(instant, ZH));
      }
    });
    return shown;
  }

  String summary(CaseRecord c) {
    StringBuilder text = new StringBuilder();
    text.append("服务单 ").append(c.caseId()).append("：").append(words.of(c.type())).append("，原因 ")
        .append(words.of(c.reason())).append("，").append(words.of(c.status()))
        .append(c.outcome() == null ? "" : "（" + words.zh(c.outcome()) + "）").append("\n");
    text.append("当前阶段：").append(texts.in(ZH, c.stage())).append('\n');
    text.append("受理 ").append(time.format(c.openedAt(), ZH)).append("，渠道 ").append(words.of(c.channel()))
        .append(c.dueAt() == null ? "" : "；下一时限 " + time.format(c.dueAt(), ZH)).append('\n');
    text.append("客户 ").append(c.customerId()).append(contact(c)).append('\n');
    text.append("订单 ").append(c.orderId()).append("，卖家 ").append(c.sellerId())
        .append(c.deliveredAt() == null ? "，未签收" : "，签收于 " + time.format(c.deliveredAt(), ZH)).append('\n');
    text.append("实付 ").append(money(c, c.paidAmount())).append("，申请 ").append(money(c, c.requestedAmount()))
        .append("，已退 ").append(money(c, c.refundedAmount())).append("，最多还可退 ").append(money(c, c.refundable()))
        .append('\n');
    text.append("订单明细：\n");
    c.items().forEach(i -> text.append("  ").append(i.quantity()).append(" × ").append(i.name()).append("（")
        .append(i.sku()).append("），单价 ").append(money(c, i.unitPrice()))
        .append(i.orderedQuantity() != i.quantity() ? "，共订购 " + i.orderedQuantity() + " 件" : "").append('\n'));
    if (c.description() != null && !c.description().isBlank()) {
      text.append("客户描述：").append(c.description().length() > 500
          ? c.description().substring(0, 500) + "…" : c.description()).append('\n');
    }
    if (c.details() != null && c.details().productCategory() != null) {
      text.append("品类 ").append(words.of(c.details().productCategory())).append('\n');
    }
    return text.toString().stripTrailing();
  }

  String history(List<TimelineEntry> timeline) {
    List<TimelineEntry> shown = timeline.size() > HISTORY_LINES
        ? timeline.subList(timeline.size() - HISTORY_LINES, timeline.size()) : timeline;
    String lines = staff.lines(shown, ZH).stream().map(line -> line.at() + "  " + line.event())
        .collect(Collectors.joining("\n"));
    return timeline.size() > HISTORY_LINES
        ? "（更早的 " + (timeline.size() - HISTORY_LINES) + " 条未显示 earlier entries not shown）\n" + lines : lines;
  }


  /** One Markdown link a line, {@code - [name](/api/cases/…/documents/…) (by customer, 2026年11月20日 10:00（北京时间）)}. */
  public static String documents(List<CaseDocument> documents, BusinessTime time) {
    if (documents.isEmpty()) {
      return "暂无文件 No documents.";
    }
    return documents.stream()
        .map(d -> "- [" + d.fileName().replaceAll("([\\\\`*_\\[\\]()<>#!|~])", "\\\\$1") + "](" + d.href()
            + ") (by " + d.party().word() + ", " + time.format(d.uploadedAt(), ZH) + ")")
        .collect(Collectors.joining("\n"));
  }

  /** An instant from what a flow keeps: a date, an ISO instant, or a "2026-12-02 07:30 UTC" text; null otherwise. */
  static Instant instant(Object value) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (!(value instanceof String text) || text.isBlank()) {
      return null;
    }
    try {
      return text.endsWith(" UTC") ? LocalDateTime.parse(text, UTC_TEXT).toInstant(ZoneOffset.UTC) : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Map<String, String> words(String... codes) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String code : codes) {
      map.put(code, code + "Text");
    }
    return java.util.Collections.unmodifiableMap(map);
  }

  private static Map<String, Function<CaseRecord, String>> caseFields() {
    Map<String, Function<CaseRecord, String>> map = new LinkedHashMap<>();
    map.put(CaseFlow.Shown.PAID_AMOUNT, c -> CaseView.money(c.paidAmount()));
    map.put(CaseFlow.Shown.CURRENCY, CaseRecord::currency);
    map.put(CaseFlow.Shown.ORDER_SUMMARY, CaseSummary::orderSummary);
    map.put(CaseFlow.Shown.DESCRIPTION, c -> c.description() == null ? "" : c.description());
    map.put(CaseFlow.Shown.EVIDENCE, c -> c.details() == null || c.details().evidence() == null ? ""
        : String.join("\n", c.details().evidence()));
    map.put(CaseFlow.Shown.FAULT, c -> c.details() == null || c.details().fault() == null ? "" : c.details().fault());
    map.put(CaseFlow.Shown.FAULT_CAUSE, c -> c.details() == null || c.details().faultCause() == null
        ? FaultCause.UNKNOWN.name() : c.details().faultCause().name());
    return java.util.Collections.unmodifiableMap(map);
  }

  /** The order in English, one line an item. */
  static String orderSummary(CaseRecord c) {
    return "Order " + c.orderId() + ", paid " + CaseView.money(c.paidAmount()) + " " + c.currency() + "\n"
        + c.items().stream().map(i -> i.quantity() + " x " + i.name() + " (" + i.sku() + ") at "
            + CaseView.money(i.unitPrice()) + " " + c.currency() + (i.orderedQuantity() != i.quantity()
            ? ", " + i.orderedQuantity() + " ordered" : "")).collect(Collectors.joining("\n"));
  }

  private static String contact(CaseRecord c) {
    OpenCaseRequest.Contact contact = c.details() == null ? null : c.details().contact();
    if (contact == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    if (contact.name() != null) {
      text.append("，").append(contact.name());
    }
    if (contact.phone() != null) {
      text.append("，电话 ").append(contact.phone());
    }
    if (contact.email() != null) {
      text.append("，").append(contact.email());
    }
    return text.toString();
  }

  private static String money(CaseRecord c, BigDecimal amount) {
    return amount == null ? "-" : CaseView.money(amount) + " " + c.currency();
  }
}
