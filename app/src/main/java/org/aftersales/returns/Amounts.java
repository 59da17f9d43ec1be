package org.aftersales.returns;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.camunda.bpm.engine.exception.NotValidException;

/** Money as the forms and variables carry it (Tasklist sends numbers as Integer, Long or Double) turned into BigDecimal. */
final class Amounts {

  private Amounts() {}

  /** The amount, or null when the value is absent. */
  static BigDecimal of(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      BigDecimal amount = new BigDecimal(value.toString().trim());
      if (amount.scale() > 2 && amount.setScale(2, RoundingMode.HALF_UP).compareTo(amount) != 0) {
        throw new NotValidException("An amount has at most two decimals: " + value);
      }
      return amount.setScale(2, RoundingMode.HALF_UP);
    } catch (NumberFormatException e) {
      throw new NotValidException("Not an amount: " + value);
    }
  }

  static String text(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** Checks 0 < amount <= max, with a message the person filling in the form can act on. */
  static BigDecimal within(Object value, BigDecimal max, String field) {
    BigDecimal amount = of(value);
    if (amount == null || amount.signum() <= 0) {
      throw new NotValidException(field + ": enter an amount above 0");
    }
    if (amount.compareTo(max) > 0) {
      throw new NotValidException(field + ": " + text(amount) + " is more than the " + text(max) + " that may be refunded");
    }
    return amount;
  }
}
