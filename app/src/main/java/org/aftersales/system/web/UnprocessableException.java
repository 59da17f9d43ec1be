package org.aftersales.system.web;

/** The request is valid but cannot be acted on (for example no flow handles its type yet): answered 422. */
public class UnprocessableException extends RuntimeException {

  public UnprocessableException(String message) {
    super(message);
  }
}
