package org.aftersales.logistics;

/** The carrier could not be reached or failed (a technical failure; retrying may help). */
public class CarrierUnavailableException extends RuntimeException {

  public CarrierUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
