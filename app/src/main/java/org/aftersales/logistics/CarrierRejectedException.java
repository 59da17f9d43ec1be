package org.aftersales.logistics;

/** The carrier refuses a request, for example an address it does not serve or a tracking number it does not know. */
public class CarrierRejectedException extends RuntimeException {

  public CarrierRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
