package org.aftersales.payment;

import java.math.BigDecimal;

/** A refund to pay; {@code refundId} is our idempotency key: the provider pays one refund per id. */
public record RefundRequest(String refundId, String caseId, String orderId, BigDecimal amount, String currency,
    String reason) {}
