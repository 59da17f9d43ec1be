package org.aftersales.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.regex.Pattern;
import org.aftersales.system.web.ConflictException;
import org.aftersales.system.web.InvalidRequestException;
import org.aftersales.system.web.NotFoundException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators (managers, administrators) send a FAILED notice again once the mail server is back: it is pending again
 * with its attempts counted afresh, and the relay is woken. The failed notices are listed in
 * {@code GET /api/reports/incidents} (type {@code failedNotification}).
 */
@RestController
@Tag(name = "Reports", description = "For managers")
class NotificationRetryController {

  /** Notification ids as the flows make them: case id, activity id and instance suffix. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1," + CustomerNotification.MAX_ID_LENGTH + "}");

  private final NotificationRelay relay;

  NotificationRetryController(NotificationRelay relay) {
    this.relay = relay;
  }

  /** The notice's id with its new status. */
  record Retried(String notificationId, String status) {}

  @PostMapping("/api/notifications/{notificationId}/retry")
  @Operation(summary = "Send a notice that failed after every attempt again (operators; see the open incidents)")
  Retried retry(@PathVariable String notificationId) {
    if (!ID.matcher(notificationId).matches()) {
      throw new InvalidRequestException("notificationId", "must be a notification id as listed in the open incidents");
    }
    return switch (relay.retry(notificationId)) {
      case QUEUED -> new Retried(notificationId, NotificationStore.PENDING);
      case UNKNOWN -> throw new NotFoundException("No notification " + notificationId);
      case NOT_FAILED -> throw new ConflictException("Notification " + notificationId
          + " has not failed: only a FAILED notice is retried");
    };
  }
}
