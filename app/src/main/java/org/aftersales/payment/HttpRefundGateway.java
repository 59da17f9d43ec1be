package org.aftersales.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
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

  /** A refund request as the provider takes it (a record, so that an absent reason is sent as null). */
  record WireRefundRequest(String refundId, String caseId, String orderId, String amount, String currency,
      String reason) {}

  /** A charge request as the provider takes it. */
  record WireChargeRequest(String chargeId, String caseId, String orderId, String amount, String currency,
      String description) {}

  private final PaymentProperties properties;
  private final LocalServer localServer;

  public HttpRefundGateway(PaymentProperties properties, LocalServer localServer) {
    this.properties = properties;
    this.localServer = localServer;
  }

  @Override
  public RefundReceipt requestRefund(RefundRequest request) {
    WireRefundRequest body = new WireRefundRequest(request.refundId(), request.caseId(), request.orderId(),
        money(request.amount()), request.currency(), request.reason());
    return post("/refunds", request.refundId(), body, WireRefund.class).receipt();
  }

  @Override
  public ChargeReceipt requestCharge(ChargeRequest request) {
    WireChargeRequest body = new WireChargeRequest(request.chargeId(), request.caseId(), request.orderId(),
        money(request.amount()), request.currency(), request.description());
    return post("/charges", request.chargeId(), body, WireCharge.class).receipt();
  }

  /** Two decimals, as the provider expects; an amount with fractions of a cent is a mistake on our side. */
  private static String money(BigDecimal amount) {
    try {
      return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("Amount " + amount.toPlainString() + " has more than two decimals", e);
    }
  }

  /**
   * Posts with retries; then 409 is a conflict, 400 and 422 a refusal of this request, and any other answer
   * (401, 403, 404: wrong credentials or address) a technical failure that must not count as a refusal.
   */
  private <T> T post(String path, String id, Object body, Class<T> answer) {
    try {
      return OutboundHttp.withRetries("Payment " + id, properties.settings(),
          () -> client().post().uri(path).header("Idempotency-Key", id)
              .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(answer),
          e -> new PaymentProviderUnavailableException("Payment provider unavailable for " + id + ": "
              + e.getMessage(), e));
    } catch (RestClientResponseException e) {
      int status = e.getStatusCode().value();
      if (status == HttpStatus.CONFLICT.value()) {
        throw new RefundConflictException(id + " conflicts with an earlier request: " + e.getResponseBodyAsString(), e);
      }
      if (status == HttpStatus.BAD_REQUEST.value() || status == HttpStatus.UNPROCESSABLE_ENTITY.value()) {
        throw new RefundRejectedException(id + " refused (" + e.getStatusCode() + "): " + e.getResponseBodyAsString(), e);
      }
      throw new PaymentProviderUnavailableException("Payment provider answered " + e.getStatusCode() + " for " + id
          + " (check aftersales.payment.base-url and credentials)", e);
    }
  }

  @Override
  public Optional<RefundReceipt> findRefund(String refundId) {
    return find("/refunds/{id}", refundId, WireRefund.class).map(WireRefund::receipt);
  }

  @Override
  public Optional<ChargeReceipt> findCharge(String chargeId) {
    return find("/charges/{id}", chargeId, WireCharge.class).map(WireCharge::receipt);
  }

  /** One line of the provider's book: a refund or charge with its case, status and amount. */
  public record BookEntry(String id, String caseId, PaymentStatus status, BigDecimal amount, String currency,
      java.time.OffsetDateTime createdAt) {}

  record WireBookRefund(String refundId, String caseId, PaymentStatus status, String amount, String currency,
      java.time.OffsetDateTime createdAt) {}

  record WireBookCharge(String chargeId, String caseId, PaymentStatus status, String amount, String currency,
      java.time.OffsetDateTime createdAt) {}

  /** The provider's book: every refund it holds (paid, pending or failed), for reconciliation. */
  public List<BookEntry> refundBook() {
    return Arrays.stream(book("/refunds", WireBookRefund[].class)).map(r -> new BookEntry(r.refundId(), r.caseId(),
        r.status(), new BigDecimal(r.amount()), r.currency(), r.createdAt())).toList();
  }

  /** The provider's book of charges, for reconciliation. */
  public List<BookEntry> chargeBook() {
    return Arrays.stream(book("/charges", WireBookCharge[].class)).map(c -> new BookEntry(c.chargeId(), c.caseId(),
        c.status(), new BigDecimal(c.amount()), c.currency(), c.createdAt())).toList();
  }

  private <T> T book(String path, Class<T> wire) {
    return OutboundHttp.withRetries("Payment book " + path, properties.settings(),
        () -> client().get().uri(path).retrieve().body(wire),
        e -> new PaymentProviderUnavailableException("Payment provider unavailable: " + e.getMessage(), e));
  }

  /** The provider's status of one refund or charge (GET), or empty if it never received it. */
  private <T> Optional<T> find(String path, String id, Class<T> wire) {
    try {
      return Optional.of(OutboundHttp.withRetries("Payment status " + id, properties.settings(),
          () -> client().get().uri(path, id).retrieve().body(wire),
          e -> new PaymentProviderUnavailableException("Payment provider unavailable: " + e.getMessage(), e)));
    } catch (RestClientResponseException e) {
      if (e.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
        return Optional.empty();
      }
      throw new PaymentProviderUnavailableException("Payment status " + id + " unreadable: " + e.getMessage(), e);
    }
  }

  private RestClient client() {
    return OutboundHttp.client(localServer.resolve(properties.baseUrl(), "/simulators/payment"), properties.settings());
  }
}
