package org.aftersales.payment;

/** The payment provider refuses a refund (a business answer; retrying the same request will not help). */
public class RefundRejectedException extends RuntimeException {

  public RefundRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
