package org.aftersales.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.aftersales.cases.CaseProgress;
import org.aftersales.system.PersonalData;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues notices in the caller's transaction: renders the text, keeps the masked recipient for the record and the
 * address and body until the relay has sent it, and wakes the relay once the transaction has committed (a rolled-back
 * step queued nothing and wakes nobody). A customer without an e-mail address gets the notice recorded at once with
 * channel NONE, and its timeline entry.
 */
@Component
public class NotificationOutbox implements CustomerNotifier {

  private static final Logger log = LoggerFactory.getLogger(NotificationOutbox.class);

  private final NotificationTemplates templates;
  private final NotificationStore store;
  private final NotificationRelay relay;
  private final CaseProgress progress;
  private final Clock clock;

  public NotificationOutbox(NotificationTemplates templates, NotificationStore store, NotificationRelay relay,
      CaseProgress progress, Clock clock) {
    this.templates = templates;
    this.store = store;
    this.relay = relay;
    this.progress = progress;
    this.clock = clock;
  }

  @Override
  public SentNotification queue(CustomerNotification notification, TimelineNote timeline) {
    NotificationTemplates.Text text = templates.render(notification);
    String address = notification.hasEmail() ? address(notification) : null;
    // the database keeps whole seconds on MySQL (sendFractionalSeconds=false): keep the same everywhere
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    SentNotification notice = new SentNotification(notification.notificationId(), notification.caseId(),
        notification.type(), address == null ? SentNotification.NONE : SentNotification.EMAIL,
        address == null ? PersonalData.maskPhone(notification.phone()) : PersonalData.maskEmail(notification.email()),
        text.subject(), address == null ? OffsetDateTime.ofInstant(now, ZoneOffset.UTC) : null, false);
    String name = notification.customerName() == null || notification.customerName().isBlank() ? null
        : notification.customerName().strip();
    try {
      // one statement for a new notice (issue 21): one queued already under this id shows as a duplicate key
      store.queue(notice, address, name, address == null ? null : text.body(),
          timeline == null ? null : timeline.code(), timeline == null ? null : timeline.emailLead() + text.subject(), now);
    } catch (DuplicateKeyException queuedBefore) {
      return store.find(notification.notificationId()).orElseThrow(() -> queuedBefore).asDuplicate();
    }
    if (address == null) {
      log.info("Notification {} ({} for case {}) kept as a notice (channel NONE) to {}", notice.notificationId(),
          notice.type(), notice.caseId(), notice.recipient());
      if (timeline != null) {
        progress.record(notice.caseId(), timeline.code(), timeline.noEmailLead() + text.subject(), null);
      }
    } else {
      afterCommit(relay::wakeUp);
    }
    return notice;
  }

  /** Runs {@code action} once the current transaction (the engine's command, or Spring's) has committed. */
  static void afterCommit(Runnable action) {
    CommandContext command = Context.getCommandContext();
    if (command != null) {
      command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> action.run());
    } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          action.run();
        }
      });
    } else {
      action.run();
    }
  }

  /** The customer's address; one that cannot be parsed is bad input, not a failure to retry. */
  private static String address(CustomerNotification notification) {
    try {
      return new InternetAddress(notification.email().strip(), true).getAddress();
    } catch (AddressException e) {
      throw new IllegalArgumentException("Not a valid e-mail address: " + PersonalData.maskEmail(notification.email()));
    }
  }
}
