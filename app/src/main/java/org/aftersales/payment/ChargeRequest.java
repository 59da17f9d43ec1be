package org.aftersales.payment;

import java.math.BigDecimal;

/** A payment to collect from the customer; {@code chargeId} is our idempotency key: one charge per id. */
public record ChargeRequest(String chargeId, String caseId, String orderId, BigDecimal amount, String currency,
    String description) {}
