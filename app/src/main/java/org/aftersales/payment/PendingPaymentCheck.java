package org.aftersales.payment;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.aftersales.cases.InboundEventLog.Effect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds and charges whose result is overdue are checked with the provider: once the application is ready (a
 * result paid while we were down is not left waiting for a resent callback) and then every
 * {@code aftersales.payment.pending-check.interval}. A refund or charge pending for longer than
 * {@code aftersales.payment.pending-check.min-age} is asked about; a final status the provider gives is applied as
 * its callback would have been ({@link PaymentResults#checkPending}). Every node may run it: applying is idempotent.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "aftersales.payment.pending-check.enabled", havingValue = "true", matchIfMissing = true)
public class PendingPaymentCheck {

  private static final Logger LOG = LoggerFactory.getLogger(PendingPaymentCheck.class);

  private final RefundLedger refunds;
  private final ChargeLedger charges;
  private final PaymentResults results;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Duration minAge;

  public PendingPaymentCheck(RefundLedger refunds, ChargeLedger charges, PaymentResults results,
      PlatformTransactionManager transactionManager, Clock clock,
      @Value("${aftersales.payment.pending-check.min-age:PT3M}") Duration minAge) {
    this.refunds = refunds;
    this.charges = charges;
    this.results = results;
    this.transactions = new TransactionTemplate(transactionManager);
    this.clock = clock;
    this.minAge = minAge;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void onStart() {
    checkOverdue(minAge);
  }

  @Scheduled(fixedDelayString = "${aftersales.payment.pending-check.interval:PT1M}",
      initialDelayString = "${aftersales.payment.pending-check.interval:PT1M}")
  public void onSchedule() {
    checkOverdue(minAge);
  }

  /** Checks every refund and charge pending for longer than {@code age}; returns how many got their result. */
  public int checkOverdue(Duration age) {
    int settled = 0;
    settled += check(refunds.pendingSince(clock.instant().minus(age)), true);
    settled += check(charges.pendingSince(clock.instant().minus(age)), false);
    return settled;
  }

  private int check(List<String> ids, boolean refund) {
    int settled = 0;
    for (String id : ids) {
      try {
        Optional<Effect> effect = transactions.execute(status -> results.checkPending(id, refund));
        if (effect != null && effect.isPresent()) {
          settled++;
          LOG.info("{} {}: result taken from the provider ({})", refund ? "Refund" : "Charge", id, effect.get());
        }
      } catch (RuntimeException e) {
        // the provider cannot be asked now, or the case is not ready: the next round tries again
        LOG.warn("{} {}: status not checked now: {}", refund ? "Refund" : "Charge", id, e.getMessage());
      }
    }
    return settled;
  }
}
