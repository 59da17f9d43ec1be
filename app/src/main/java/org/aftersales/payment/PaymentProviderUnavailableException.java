package org.aftersales.payment;

/** The payment provider could not be reached or failed (a technical failure; retrying may help). */
public class PaymentProviderUnavailableException extends RuntimeException {

  public PaymentProviderUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
