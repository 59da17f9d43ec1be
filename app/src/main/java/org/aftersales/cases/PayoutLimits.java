package org.aftersales.cases;

import java.math.BigDecimal;
import java.util.Map;

/**
 * How much more may be paid out on an order, asked when a refund case opens; the payment port's {@code PayoutCap}
 * implements it over every case of the same customer and order.
 */
public interface PayoutLimits {

  /** What may still be paid, and the sentence that explains the figure to a person. */
  interface Room {

    BigDecimal amount();

    String why();
  }

  /** Room for a refund case not opened yet: what the order still allows for these lines (SKU to value). */
  Room roomForNew(String customerId, String orderId, BigDecimal paid, Map<String, BigDecimal> lines, String currency);
}
