package org.aftersales.payment;

/** The port to the payment provider for collecting a payment from the customer (paid repairs). */
public interface ChargeGateway {

  /**
   * Asks the provider to collect a payment (the customer pays on the provider's page); idempotent by
   * {@code chargeId}. The result comes later as a payment event.
   *
   * @throws PaymentProviderUnavailableException the provider did not answer usably, even after retries
   * @throws RefundRejectedException the provider refuses the request
   * @throws RefundConflictException the id was used before for another amount or currency
   */
  ChargeReceipt requestCharge(ChargeRequest request);

  /** The provider's record of a charge, or empty if it never received it. */
  java.util.Optional<ChargeReceipt> findCharge(String chargeId);
}
