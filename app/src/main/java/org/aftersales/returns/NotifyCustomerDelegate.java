package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.CaseTexts;
import org.aftersales.logistics.ParcelRegistry;
import org.aftersales.notification.CustomerNotification;
import org.aftersales.notification.CustomerNotifier;
import org.aftersales.notification.NotificationType;
import org.aftersales.system.BusinessTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The "Tell customer: ..." send tasks: queues the notification named by the task's {@code notificationType} input,
 * with the details of the case, in the outbox, in the flow step's own transaction; the relay sends it after the
 * commit and notes it on the timeline then ("We e-mailed you: ..."). The notification id is the case and the
 * activity instance, unique per run of the task: a step that rolls back queued nothing, and a task that runs again
 * (a loop) queues a new notice.
 */
@Component
public class NotifyCustomerDelegate implements JavaDelegate {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final CaseRepository cases;
  private final CustomerNotifier notifier;
  private final ReturnLimits limits;
  private final Addresses addresses;
  private final BusinessTime time;
  private final CaseTexts texts;
  private final ParcelRegistry parcels;

  public NotifyCustomerDelegate(CaseRepository cases, CustomerNotifier notifier, ReturnLimits limits,
      Addresses addresses, BusinessTime time, CaseTexts texts, ParcelRegistry parcels) {
    this.parcels = parcels;
    this.cases = cases;
    this.notifier = notifier;
    this.limits = limits;
    this.addresses = addresses;
    this.time = time;
    this.texts = texts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRecord c = cases.find(execution.getProcessBusinessKey()).orElseThrow();
    NotificationType type = NotificationType.valueOf(org.aftersales.cases.NoticeTypes.of(execution));
    var contact = c.details().contact();
    // the activity instance (the task's id and a unique suffix) tells every run of every task of every process apart
    String notificationId = c.caseId() + "-" + execution.getActivityInstanceId();
    notifier.queue(new CustomerNotification(notificationId, c.caseId(),
        contact == null ? null : contact.name(), contact == null ? null : contact.email(),
        contact == null ? null : contact.phone(), type,
        contact == null || contact.language() == null ? Locale.ENGLISH : Locale.forLanguageTag(contact.language()),
        details(execution, c, type)),
        new CustomerNotifier.TimelineNote("NOTIFIED_" + type, "We e-mailed you: ", "Notice for you: "));
  }

  private Map<String, String> details(DelegateExecution execution, CaseRecord c, NotificationType type) {
    Map<String, String> details = new HashMap<>();
    details.put("caseId", c.caseId());
    details.put("currency", c.currency());
    put(details, "amount", execution.getVariable(Var.REFUND_AMOUNT));
    if (ReturnProcess.PARTIAL_REFUND.equals(execution.getVariable(Var.REVIEW_DECISION))
        && execution.getVariable(Var.REFUND_AMOUNT) == null) {
      put(details, "amount", Amounts.text(Amounts.of(execution.getVariable(Var.PARTIAL_AMOUNT))));
    }
    put(details, "reason", execution.getVariable(Var.REJECT_REASON));
    put(details, "trackingNumber", execution.getVariable(Var.OUTBOUND_TRACKING_NUMBER) != null
        ? execution.getVariable(Var.OUTBOUND_TRACKING_NUMBER) : execution.getVariable(Var.TRACKING_NUMBER));
    pickupWindow(execution, type, details);
    details.put("address", addresses.warehouseText());
    details.put("deadline", DAY.format((type == NotificationType.PARTIAL_REFUND_PROPOSED
        ? limits.proposalAnswerDue() : limits.shipBackDue()).toInstant()));
    // details the diagram gives the task as input parameters (a deadline, an article, an amount) come last
    execution.getVariablesLocal().forEach((name, value) -> {
      if (!Var.NOTIFICATION_TYPE.equals(name) && value != null) {
        details.put(name, value.toString());
      }
    });
    // what the customer reads: times in the business zone, a reason from a rule table in the customer's language
    String language = c.details().contact() == null ? null : c.details().contact().language();
    for (String key : new String[] {"windowStart", "windowEnd", "deadline"}) {
      details.computeIfPresent(key, (k, value) -> time.readableTimes(value, language));
    }
    details.computeIfPresent("reason", (k, value) -> texts.in(language, value));
    details.computeIfPresent("decision", (k, value) -> texts.in(language, value));
    return details;
  }

  /**
   * The booked pickup's window, for the pickup-booked notice: kept with the parcel since issue 21 (instances that
   * booked before that still have it as the variables {@code pickupWindowStart} and {@code pickupWindowEnd}).
   */
  private void pickupWindow(DelegateExecution execution, NotificationType type, Map<String, String> details) {
    Object start = execution.getVariable(Var.PICKUP_WINDOW_START);
    if (start != null) {
      put(details, "windowStart", start);
      put(details, "windowEnd", execution.getVariable(Var.PICKUP_WINDOW_END));
      return;
    }
    Object tracking = execution.getVariable(Var.TRACKING_NUMBER);
    if (type == NotificationType.PICKUP_BOOKED && tracking != null) {
      parcels.find(tracking.toString()).ifPresent(parcel -> {
        put(details, "windowStart", parcel.windowStart());
        put(details, "windowEnd", parcel.windowEnd());
      });
    }
  }

  private static void put(Map<String, String> details, String key, Object value) {
    if (value != null) {
      details.put(key, value.toString());
    }
  }
}
