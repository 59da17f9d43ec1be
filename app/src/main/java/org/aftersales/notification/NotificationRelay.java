package org.aftersales.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.aftersales.cases.CaseProgress;
import org.aftersales.system.PersonalData;
import org.aftersales.system.http.OutboundExecutors;
import org.slf4j.Logger;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends the notices of the outbox ({@link NotificationStore}): woken after a flow step that queued one has
 * committed, on the one thread of {@link OutboundExecutors#MAIL_RELAY}, and every {@code relay-interval}
 * ({@link NotificationRelaySweep}) for notices left pending (a missed wake-up, a crash) and due retries. Each notice is
 * claimed first with a conditional update, so that of several nodes one sends it; once the mail server took it, it is
 * SENT with its address and body dropped, and then its timeline entry is written. A failed send is tried again
 * after {@code retry-backoff}, doubled each time (at most an hour); after {@code max-attempts} it is FAILED.
 */
@Component
public class NotificationRelay {

  private static final Logger log = LoggerFactory.getLogger(NotificationRelay.class);
  private static final Duration MAX_BACKOFF = Duration.ofHours(1);
  /** Rounds of due notices one call sends at most, so that a call ends even while notices keep coming. */
  private static final int MAX_ROUNDS = 20;

  private final JavaMailSender mailSender;
  private final NotificationStore store;
  private final CaseProgress progress;
  private final NotificationProperties properties;
  private final Clock clock;
  private final Executor executor;
  private final AtomicBoolean wakeUpQueued = new AtomicBoolean();

  /** Writes SENT and the timeline entry in one transaction (one commit); without one, each on its own. */
  private final TransactionOperations together;

  @Autowired
  public NotificationRelay(JavaMailSender mailSender, NotificationStore store, CaseProgress progress,
      NotificationProperties properties, Clock clock, PlatformTransactionManager transactions) {
    this(mailSender, store, progress, properties, clock, OutboundExecutors.MAIL_RELAY,
        new TransactionTemplate(transactions));
  }

  NotificationRelay(JavaMailSender mailSender, NotificationStore store, CaseProgress progress,
      NotificationProperties properties, Clock clock, Executor executor, TransactionOperations together) {
    this.together = together;
    this.mailSender = mailSender;
    this.store = store;
    this.progress = progress;
    this.properties = properties;
    this.clock = clock;
    this.executor = executor;
  }

  /**
   * After a commit that queued a notice: sends the due notices on the relay's thread, unless the relay runs only
   * when called ({@code relay-background=false}, in tests). Wake-ups while one is waiting to run make no second one.
   */
  void wakeUp() {
    if (properties.relayBackground() && wakeUpQueued.compareAndSet(false, true)) {
      executor.execute(() -> {
        wakeUpQueued.set(false);
        sendPendingQuietly();
      });
    }
  }

  void sendPendingQuietly() {
    try {
      sendPending();
    } catch (RuntimeException e) {
      // the database is away, say: the notices stay pending for the next sweep
      log.warn("Notification relay stopped early: {}", e.toString());
    }
  }

  /**
   * Sends every notice due now that no other relay holds; returns how many this call sent. Tests call it to send the
   * queued mails at a point of their choosing.
   */
  public int sendPending() {
    int sent = 0;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<NotificationStore.Outgoing> due = store.dueOutgoing(now());
      int claimed = 0;
      for (NotificationStore.Outgoing notice : due) {
        Instant now = now();
        if (store.claim(notice.notificationId(), now, now.plus(properties.sendingLease()))) {
          claimed++;
          sent += send(notice.claimed()) ? 1 : 0;
        }
      }
      if (claimed == 0 || due.size() < NotificationStore.BATCH) {
        return sent;
      }
    }
    return sent;
  }

  /** An operator's retry of a FAILED notice: pending again, due now, and the relay woken. */
  public RetryResult retry(String notificationId) {
    Optional<String> status = store.status(notificationId);
    if (status.isEmpty()) {
      return RetryResult.UNKNOWN;
    }
    if (!store.retry(notificationId, now())) {
      return RetryResult.NOT_FAILED;
    }
    log.info("Notification {}: retry asked for by an operator", notificationId);
    wakeUp();
    return RetryResult.QUEUED;
  }

  /** What an operator's retry did. */
  public enum RetryResult { QUEUED, UNKNOWN, NOT_FAILED }

  /**
   * SENT and the timeline entry in one commit; should the entry fail, SENT on its own: a timeline that cannot be
   * written must not make the mail go out again.
   */
  private void sent(String notificationId, NotificationStore.Outgoing notice) {
    if (notice.timelineCode() == null) {
      store.markSent(notificationId, now());
      return;
    }
    try {
      together.executeWithoutResult(status -> {
        if (store.markSent(notificationId, now())) {
          progress.record(notice.caseId(), notice.timelineCode(), notice.timelineText(), null);
        }
      });
    } catch (RuntimeException e) {
      store.markSent(notificationId, now());
      log.warn("Notification {} sent, but its timeline entry for case {} was not written: {}", notificationId,
          notice.caseId(), e.toString());
    }
  }

  private boolean send(NotificationStore.Outgoing notice) {
    String notificationId = notice.notificationId();
    String masked = PersonalData.maskEmail(notice.address());
    try {
      deliver(notice);
    } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
      // the mail server's answer may quote the address: keep only a masked copy, and not the cause itself
      String reason = e.getClass().getSimpleName() + ": " + PersonalData.maskEmailsIn(e.getMessage());
      Instant now = now();
      if (notice.attempts() >= properties.maxAttempts()) {
        store.markFailed(notificationId, now, reason);
        log.error("Notification {} ({} for case {}) to {} FAILED after {} attempts: {}", notificationId, notice.type(),
            notice.caseId(), masked, notice.attempts(), reason);
      } else {
        Instant next = now.plus(backoff(notice.attempts()));
        store.retryLater(notificationId, next, reason);
        log.warn("Notification {} ({} for case {}) to {} not sent (attempt {} of {}), next at {}: {}", notificationId,
            notice.type(), notice.caseId(), masked, notice.attempts(), properties.maxAttempts(), next, reason);
      }
      return false;
    }
    sent(notificationId, notice);
    log.info("Notification {} ({} for case {}) sent by EMAIL to {}", notificationId, notice.type(), notice.caseId(),
        masked);
    return true;
  }

  /** The pause after the {@code attempts}-th failed attempt: the back-off, doubled for each earlier one. */
  Duration backoff(int attempts) {
    Duration pause = properties.retryBackoff();
    for (int i = 1; i < attempts && pause.compareTo(MAX_BACKOFF) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause;
  }

  private void deliver(NotificationStore.Outgoing notice) throws MessagingException, UnsupportedEncodingException {
    InternetAddress recipient = new InternetAddress(notice.address(), true);
    if (notice.name() != null) {
      recipient.setPersonal(notice.name(), StandardCharsets.UTF_8.name());
    }
    MimeMessage message = mailSender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
    helper.setFrom(properties.from());
    helper.setTo(recipient);
    helper.setSubject(notice.subject());
    helper.setText(notice.body(), false);
    mailSender.send(message);
  }

  /** Whole seconds, as the database keeps them on MySQL (sendFractionalSeconds=false). */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
