package org.aftersales.payment;

/** Where a refund or a charge stands at the payment provider. */
public enum PaymentStatus { PENDING, SUCCEEDED, FAILED }
