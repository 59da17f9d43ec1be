package org.aftersales.payment;

import java.math.BigDecimal;

/** The provider's record of a refund. */
public record RefundReceipt(String refundId, String providerRefundId, PaymentStatus status, BigDecimal amount,
    String currency, String failureReason) {}
