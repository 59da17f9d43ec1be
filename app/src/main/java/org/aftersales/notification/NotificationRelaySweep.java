package org.aftersales.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The relay's sweep: once the application is ready (notices left pending while it was down) and then every
 * {@code aftersales.notification.relay-interval}, for notices whose wake-up was missed and retries that are due. Every
 * node sweeps; the claim lets one of them send each notice. Off with {@code relay-background=false} (tests).
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "aftersales.notification.relay-background", havingValue = "true", matchIfMissing = true)
class NotificationRelaySweep {

  private final NotificationRelay relay;

  NotificationRelaySweep(NotificationRelay relay) {
    this.relay = relay;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void onStart() {
    relay.wakeUp();
  }

  @Scheduled(fixedDelayString = "${aftersales.notification.relay-interval:PT30S}",
      initialDelayString = "${aftersales.notification.relay-interval:PT30S}")
  public void onSchedule() {
    relay.wakeUp();
  }
}
