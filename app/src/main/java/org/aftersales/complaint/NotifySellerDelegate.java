package org.aftersales.complaint;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.aftersales.complaint.ComplaintBook.Complaint;
import org.aftersales.notification.CustomerNotification;
import org.aftersales.notification.CustomerNotifier;
import org.aftersales.notification.NotificationType;
import org.aftersales.parties.PartyStore;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The "Tell seller: ..." send tasks: the notice named by the task's {@code notificationType} input, with the
 * task's other inputs as details, to the e-mail of the seller's record ({@link PartyStore}; kept as a notice when
 * the seller has no record or no e-mail), never to an address from the customer's request, queued in the outbox
 * in the step's transaction; the timeline says "We told seller ..." once the relay sent it. One notice per activity
 * instance.
 */
@Component
public class NotifySellerDelegate implements JavaDelegate {

  private final ComplaintBook complaints;
  private final CustomerNotifier notifier;
  private final PartyStore parties;

  public NotifySellerDelegate(ComplaintBook complaints, CustomerNotifier notifier, PartyStore parties) {
    this.parties = parties;
    this.complaints = complaints;
    this.notifier = notifier;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Complaint k = complaints.find(execution.getProcessBusinessKey()).orElseThrow();
    NotificationType type = NotificationType.valueOf(org.aftersales.cases.NoticeTypes.of(execution));
    Map<String, String> details = new HashMap<>();
    execution.getVariablesLocal().forEach((name, value) -> {
      if (!"notificationType".equals(name) && value != null) {
        details.put(name, value.toString());
      }
    });
    String lead = "We told seller " + k.sellerId() + ": ";
    notifier.queue(new CustomerNotification(k.caseId() + "-" + execution.getActivityInstanceId(), k.caseId(),
        k.sellerId(), parties.sellerEmail(k.sellerId()).orElse(null), null, type, Locale.CHINESE, details),
        new CustomerNotifier.TimelineNote("SELLER_" + type, lead, lead));
  }
}
