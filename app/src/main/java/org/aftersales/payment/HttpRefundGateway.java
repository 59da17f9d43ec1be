package org.aftersales.payment;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.aftersales.system.LocalServer;
import org.aftersales.system.http.OutboundHttp;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * {@link RefundGateway} over the provider's HTTP API: {@code POST /refunds} with the refund id as
 * {@code Idempotency-Key} (so retries after a timeout are safe) and {@code GET /refunds/{id}}. Money
 * travels as a decimal string with its currency.
 */
@Component
@EnableConfigurationProperties(PaymentProperties.class)
public class HttpRefundGateway implements RefundGateway {

  /** The provider's wire format of a refund. */
  record WireRefund(String refundId, String providerRefundId, RefundStatus status, String amount, String currency,
      String failureReason) {
    RefundReceipt receipt() {
      return new RefundReceipt(refundId, providerRefundId, status, new BigDecimal(amount), currency, failureReason);
    }
  }

  private final PaymentProperties properties;
  private final LocalServer localServer;

  public HttpRefundGateway(PaymentProperties properties, LocalServer localServer) {
    this.properties = properties;
    this.localServer = localServer;
  }

  @Override
  public RefundReceipt requestRefund(RefundRequest request) {
    Map<String, String> body = Map.of("refundId", request.refundId(), "caseId", request.caseId(),
        "orderId", request.orderId(), "amount", request.amount().setScale(2).toPlainString(),
        "currency", request.currency(), "reason", request.reason());
    try {
      return OutboundHttp.withRetries("Refund " + request.refundId(), properties.settings(),
          () -> client().post().uri("/refunds").header("Idempotency-Key", request.refundId())
              .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(WireRefund.class).receipt(),
          e -> new PaymentProviderUnavailableException("Payment provider unavailable for refund "
              + request.refundId() + ": " + e.getMessage(), e));
    } catch (RestClientResponseException e) {
      if (e.getStatusCode().value() == HttpStatus.CONFLICT.value()) {
        throw new RefundConflictException("Refund " + request.refundId() + " conflicts with an earlier request: "
            + e.getResponseBodyAsString(), e);
      }
      throw new RefundRejectedException("Refund " + request.refundId() + " refused (" + e.getStatusCode() + "): "
          + e.getResponseBodyAsString(), e);
    }
  }

  @Override
  public Optional<RefundReceipt> findRefund(String refundId) {
    try {
      return Optional.of(OutboundHttp.withRetries("Refund status " + refundId, properties.settings(),
          () -> client().get().uri("/refunds/{id}", refundId).retrieve().body(WireRefund.class).receipt(),
          e -> new PaymentProviderUnavailableException("Payment provider unavailable: " + e.getMessage(), e)));
    } catch (RestClientResponseException e) {
      if (e.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
        return Optional.empty();
      }
      throw new PaymentProviderUnavailableException("Refund status " + refundId + " unreadable: " + e.getMessage(), e);
    }
  }

  private RestClient client() {
    return OutboundHttp.client(localServer.resolve(properties.baseUrl(), "/simulators/payment"), properties.settings());
  }
}
