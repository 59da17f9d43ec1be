package org.aftersales.payment;

import java.time.Clock;
import org.aftersales.cases.CaseProgress;
import org.aftersales.cases.CaseRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;

/** Our record of every payment collected from a customer through the provider ({@code as_charge}), paid once per id. */
@Repository
public class ChargeLedger extends PaymentBook {

  private final CaseProgress progress;

  public ChargeLedger(JdbcTemplate jdbc, PlatformTransactionManager transactions, CaseRepository cases,
      CaseProgress progress, Clock clock, @Value("${aftersales.payment.party:payment}") String providerParty) {
    super(jdbc, transactions, cases, clock, "as_charge", "charge_id", "provider_charge_id", "Charge", providerParty);
    this.progress = progress;
  }

  @Override
  protected void settled(Entry charge, PaymentStatus result, String failureReason) {
    String money = charge.amount().toPlainString() + " " + charge.currency();
    progress.record(charge.caseId(), "CHARGE_" + result, result == PaymentStatus.SUCCEEDED
        ? "Your payment of " + money + " was received"
        : "Your payment of " + money + " did not go through (" + (failureReason == null ? "no reason given" : failureReason) + ")",
        null);
  }
}
