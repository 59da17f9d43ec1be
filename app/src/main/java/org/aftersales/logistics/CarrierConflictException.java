package org.aftersales.logistics;

/** A booking reference was used before with other content. */
public class CarrierConflictException extends RuntimeException {

  public CarrierConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
