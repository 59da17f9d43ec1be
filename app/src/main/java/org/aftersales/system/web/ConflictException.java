package org.aftersales.system.web;

/** The request is well formed but clashes with the current state (closed case, reused key): answered 409. */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
