package org.aftersales.payment;

import java.util.Optional;

/** The port to the payment provider for refunds. */
public interface RefundGateway {

  /**
   * Asks the provider to refund; idempotent by {@code refundId}: the same id never pays twice.
   *
   * @throws PaymentProviderUnavailableException the provider did not answer usably, even after retries
   * @throws RefundRejectedException the provider refuses this refund
   * @throws RefundConflictException the id was used before for another amount or currency
   */
  RefundReceipt requestRefund(RefundRequest request);

  /** The provider's record of a refund, or empty if it never received it. */
  Optional<RefundReceipt> findRefund(String refundId);
}
