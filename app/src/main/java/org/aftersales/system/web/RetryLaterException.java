package org.aftersales.system.web;

/**
 * The request is fine but arrived before we can take it (for example a callback that overtook the
 * transaction it answers): answered 503 with Retry-After, nothing changed; the sender should try again.
 */
public class RetryLaterException extends RuntimeException {

  public RetryLaterException(String message) {
    super(message);
  }
}
