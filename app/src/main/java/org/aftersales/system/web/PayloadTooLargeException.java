package org.aftersales.system.web;

/** A part of the request (an uploaded file) is larger than allowed: answered 413; nothing was created. */
public class PayloadTooLargeException extends RuntimeException {

  public PayloadTooLargeException(String message) {
    super(message);
  }
}
