package org.aftersales.system.web;

/** Something the caller named does not exist (or is not the caller's to see): answered 404. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}
