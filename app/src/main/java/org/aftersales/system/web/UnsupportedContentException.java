package org.aftersales.system.web;

/** Uploaded content of a type that is not taken (judged by the content itself): answered 415; nothing was created. */
public class UnsupportedContentException extends RuntimeException {

  public UnsupportedContentException(String message) {
    super(message);
  }
}
