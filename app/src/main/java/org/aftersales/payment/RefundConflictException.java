package org.aftersales.payment;

/** A refund id was used before with another amount or currency. */
public class RefundConflictException extends RuntimeException {

  public RefundConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
