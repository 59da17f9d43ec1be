package org.aftersales.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.aftersales.system.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Tells customers by e-mail, once per notification id: the id is reserved in {@link NotificationStore}
 * before the mail goes out and given back if the mail server fails, so a retry sends exactly one mail.
 * A customer without an e-mail address gets the notification recorded with channel NONE.
 */
@Component
public class MailCustomerNotifier implements CustomerNotifier {

  private static final Logger log = LoggerFactory.getLogger(MailCustomerNotifier.class);

  private final JavaMailSender mailSender;
  private final NotificationTemplates templates;
  private final NotificationStore store;
  private final NotificationProperties properties;
  private final Clock clock;

  public MailCustomerNotifier(JavaMailSender mailSender, NotificationTemplates templates, NotificationStore store,
      NotificationProperties properties, Clock clock) {
    this.mailSender = mailSender;
    this.templates = templates;
    this.store = store;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public SentNotification send(CustomerNotification notification) {
    NotificationTemplates.Text text = templates.render(notification);
    InternetAddress recipient = notification.hasEmail() ? address(notification) : null;
    // the database keeps whole seconds on MySQL (sendFractionalSeconds=false): keep the same everywhere
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    SentNotification result = new SentNotification(notification.notificationId(), notification.caseId(),
        notification.type(), recipient == null ? SentNotification.NONE : SentNotification.EMAIL,
        recipient == null ? PersonalData.maskPhone(notification.phone()) : PersonalData.maskEmail(notification.email()),
        text.subject(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC), false);

    Optional<SentNotification> earlier = store.reserve(result, now, now.minus(properties.sendingLease()));
    if (earlier.isPresent()) {
      log.info("Notification {} ({} for case {}) was sent before; not sending again", result.notificationId(),
          result.type(), result.caseId());
      return earlier.get().asDuplicate();
    }
    if (recipient != null) {
      deliver(result, recipient, text);
    }
    store.markSent(result.notificationId(), now);
    log.info("Notification {} ({} for case {}) sent by {} to {}", result.notificationId(), result.type(),
        result.caseId(), result.channel(), result.recipient());
    return result;
  }

  private void deliver(SentNotification result, InternetAddress recipient, NotificationTemplates.Text text) {
    try {
      MimeMessage message = mailSender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
      helper.setFrom(properties.from());
      helper.setTo(recipient);
      helper.setSubject(text.subject());
      helper.setText(text.body(), false);
      mailSender.send(message);
    } catch (MailException | MessagingException e) {
      store.release(result.notificationId());
      // the mail server's answer may quote the address: keep only a masked copy, and not the cause itself
      String reason = e.getClass().getSimpleName() + ": " + PersonalData.maskEmailsIn(e.getMessage());
      log.warn("Notification {} ({} for case {}) to {} not sent: {}", result.notificationId(), result.type(),
          result.caseId(), result.recipient(), reason);
      throw new NotificationDeliveryException("Could not send notification " + result.notificationId()
          + " by e-mail to " + result.recipient() + " (" + reason + ")");
    } catch (RuntimeException e) {
      store.release(result.notificationId());
      throw e;
    }
  }

  /** The customer's address with their name; an address that cannot be parsed is bad input, not a failure. */
  private static InternetAddress address(CustomerNotification notification) {
    try {
      InternetAddress address = new InternetAddress(notification.email().strip(), true);
      if (notification.customerName() != null && !notification.customerName().isBlank()) {
        address.setPersonal(notification.customerName().strip(), StandardCharsets.UTF_8.name());
      }
      return address;
    } catch (AddressException | UnsupportedEncodingException e) {
      throw new IllegalArgumentException("Not a valid e-mail address: " + PersonalData.maskEmail(notification.email()));
    }
  }
}
