package org.aftersales.payment;

import java.math.BigDecimal;

/** The provider's record of a charge. */
public record ChargeReceipt(String chargeId, String providerChargeId, PaymentStatus status, BigDecimal amount,
    String currency, String failureReason) {}
