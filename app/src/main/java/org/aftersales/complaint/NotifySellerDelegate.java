package org.aftersales.complaint;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.aftersales.cases.CaseProgress;
import org.aftersales.complaint.ComplaintBook.Complaint;
import org.aftersales.notification.CustomerNotification;
import org.aftersales.notification.CustomerNotifier;
import org.aftersales.notification.NotificationType;
import org.aftersales.notification.SentNotification;
import org.aftersales.parties.PartyStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The "Tell seller: ..." send tasks: the notice named by the task's {@code notificationType} input, with the
 * task's other inputs as details, to the e-mail of the seller's record ({@link PartyStore}; kept as a notice when
 * the seller has no record or no e-mail), never to an address from the customer's request, and a timeline entry. Numbered per process instance, so a retried job sends nothing twice.
 */
@Component
public class NotifySellerDelegate implements JavaDelegate {

  static final String SENT = "sellerNotificationsSent";

  private final ComplaintBook complaints;
  private final CustomerNotifier notifier;
  private final CaseProgress progress;
  private final PartyStore parties;

  public NotifySellerDelegate(ComplaintBook complaints, CustomerNotifier notifier, CaseProgress progress,
      PartyStore parties) {
    this.parties = parties;
    this.complaints = complaints;
    this.notifier = notifier;
    this.progress = progress;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Complaint k = complaints.find(execution.getProcessBusinessKey()).orElseThrow();
    NotificationType type = NotificationType.valueOf((String) execution.getVariableLocal("notificationType"));
    Integer sent = (Integer) execution.getVariable(SENT);
    int number = sent == null ? 1 : sent + 1;
    Map<String, String> details = new HashMap<>();
    execution.getVariablesLocal().forEach((name, value) -> {
      if (!"notificationType".equals(name) && value != null) {
        details.put(name, value.toString());
      }
    });
    SentNotification result = notifier.send(new CustomerNotification(k.caseId() + "-" + execution.getProcessInstanceId()
        + "-S" + number, k.caseId(), k.sellerId(), parties.sellerEmail(k.sellerId()).orElse(null), null, type, Locale.CHINESE, details));
    execution.setVariable(SENT, number);
    if (!result.duplicate()) {
      progress.record(k.caseId(), "SELLER_" + type, "We told seller " + k.sellerId() + ": " + result.subject(), null);
    }
  }
}
