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
 * {@link RefundGateway} and {@link ChargeGateway} over the provider's HTTP API: {@code POST /refunds} and
 * {@code POST /charges} with our id as {@code Idempotency-Key} (so retries after a timeout are safe), and
 * {@code GET /refunds/{id}}. Money travels as a decimal string with its currency.
 */
@Component
@EnableConfigurationProperties(PaymentProperties.class)
public class HttpRefundGateway implements RefundGateway, ChargeGateway {

  /** The provider's wire format of a refund. */
  record WireRefund(String refundId, String providerRefundId, PaymentStatus status, String amount, String currency,
      String failureReason) {
    RefundReceipt receipt() {
      return new RefundReceipt(refundId, providerRefundId, status, new BigDecimal(amount), currency, failureReason);
    }
  }

  /** The provider's wire format of a charge. */
  record WireCharge(String chargeId, String providerChargeId, PaymentStatus status, String amount, String currency,
      String failureReason) {
    ChargeReceipt receipt() {
      return new ChargeReceipt(chargeId, providerChargeId, status, new BigDecimal(amount), currency, failureReason);
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
    return post("/refunds", request.refundId(), body, WireRefund.class).receipt();
  }

  @Override
  public ChargeReceipt requestCharge(ChargeRequest request) {
    Map<String, String> body = Map.of("chargeId", request.chargeId(), "caseId", request.caseId(),
        "orderId", request.orderId(), "amount", request.amount().setScale(2).toPlainString(),
        "currency", request.currency(), "description", request.description());
    return post("/charges", request.chargeId(), body, WireCharge.class).receipt();
  }

  private <T> T post(String path, String id, Map<String, String> body, Class<T> answer) {
    try {
      return OutboundHttp.withRetries("Payment " + id, properties.settings(),
          () -> client().post().uri(path).header("Idempotency-Key", id)
              .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(answer),
          e -> new PaymentProviderUnavailableException("Payment provider unavailable for " + id + ": "
              + e.getMessage(), e));
    } catch (RestClientResponseException e) {
      if (e.getStatusCode().value() == HttpStatus.CONFLICT.value()) {
        throw new RefundConflictException(id + " conflicts with an earlier request: " + e.getResponseBodyAsString(), e);
      }
      throw new RefundRejectedException(id + " refused (" + e.getStatusCode() + "): " + e.getResponseBodyAsString(), e);
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
