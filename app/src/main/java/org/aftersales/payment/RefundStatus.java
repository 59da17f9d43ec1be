package org.aftersales.payment;

/** Where a refund stands at the payment provider. */
public enum RefundStatus { PENDING, SUCCEEDED, FAILED }
