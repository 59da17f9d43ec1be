package org.aftersales.payment;

import java.time.Duration;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The money attacks of issue 15 on the embedded default (H2). */
@AfterSalesIntegrationTest
@Isolated // its own settings make a second engine; Camunda REST would mix them up in one JVM
@TestPropertySource(properties = {
    "camunda.bpm.job-execution.enabled=false",
    "aftersales.notification.relay-background=false",
    "aftersales.simulators.carrier.auto-progress=false",
    "aftersales.simulators.payment.auto-settle=false",
    "aftersales.simulators.payment.callback-backoff=PT0.2S"})
class MoneyAttacksTest extends MoneyAttacks {

  @Autowired PendingPaymentCheck pendingCheck;

  @Override
  protected String admin() {
    return "admin";
  }

  @Override
  protected String finance() {
    return "finance";
  }

  @Override
  protected int checkOverdue() {
    return pendingCheck.checkOverdue(Duration.ZERO);
  }
}
