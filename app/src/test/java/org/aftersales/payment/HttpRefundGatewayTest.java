package org.aftersales.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.payment.PaymentCallbackCapture.Received;
import org.aftersales.payment.simulator.PaymentSimulator;
import org.aftersales.system.LocalServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.server.ResponseStatusException;

/**
 * The refund client against the payment simulator over HTTP: idempotent refunds, retries, refusals,
 * conflicts, and the simulator's settlements and callbacks (captured by {@link PaymentCallbackCapture}).
 * Refunds settle only when a test says so.
 */
@AfterSalesIntegrationTest
@Isolated
@TestPropertySource(properties = {
    "aftersales.simulators.payment.auto-settle=false",
    "aftersales.simulators.payment.callback-url=" + PaymentCallbackCapture.PATH,
    // the capture is a test endpoint under /api, open to the shop's login: the simulator calls it as the shop
    "aftersales.simulators.payment.callback-user=shop", "aftersales.simulators.payment.callback-password=shop",
    "aftersales.simulators.payment.callback-backoff=PT0.1S",
    "aftersales.payment.backoff=PT0.05S"})
class HttpRefundGatewayTest {

  private static final Duration CALLBACK_WAIT = Duration.ofSeconds(20);

  @Autowired RefundGateway gateway;
  @Autowired PaymentSimulator simulator;
  @Autowired PaymentCallbackCapture callbacks;
  @Autowired PaymentProperties properties;
  @Autowired LocalServer localServer;

  @AfterEach
  void noFaults() {
    simulator.resetFaults();
    callbacks.failNext(0);
  }

  @Test
  void aRefundStartsPendingAndTheSameIdPaysOnce() {
    RefundRequest request = refund(newCase(), "129");
    RefundReceipt first = gateway.requestRefund(request);
    RefundReceipt again = gateway.requestRefund(request);

    assertThat(first.refundId()).isEqualTo(request.refundId());
    assertThat(first.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(first.amount()).isEqualByComparingTo("129.00");
    assertThat(first.currency()).isEqualTo("CNY");
    assertThat(first.failureReason()).isNull();
    assertThat(first.providerRefundId()).isNotBlank();
    assertThat(again).isEqualTo(first);
    assertThat(simulator.refunds(request.caseId())).singleElement()
        .satisfies(r -> assertThat(r.providerRefundId()).isEqualTo(first.providerRefundId()));
  }

  @Test
  void anotherAmountOrCurrencyUnderTheSameIdIsAConflict() {
    RefundRequest request = refund(newCase(), "129.00");
    gateway.requestRefund(request);

    assertThatThrownBy(() -> gateway.requestRefund(withAmount(request, "130.00")))
        .isInstanceOf(RefundConflictException.class).hasMessageContaining(request.refundId());
    assertThatThrownBy(() -> gateway.requestRefund(new RefundRequest(request.refundId(), request.caseId(),
        request.orderId(), request.amount(), "USD", request.reason()))).isInstanceOf(RefundConflictException.class);
    assertThat(simulator.refunds(request.caseId())).singleElement()
        .satisfies(r -> assertThat(r.amount()).isEqualByComparingTo("129.00"));
  }

  @Test
  void passingOutagesAreRetriedAndLastingOnesReported() {
    String caseId = newCase();
    simulator.unavailableNext(2);
    assertThat(gateway.requestRefund(refund(caseId, "50.00")).status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(simulator.refunds(caseId)).hasSize(1);

    simulator.unavailableNext(properties.maxAttempts());
    RefundRequest second = new RefundRequest(caseId + "-R2", caseId, "O-1", new BigDecimal("20.00"), "CNY", null);
    assertThatThrownBy(() -> gateway.requestRefund(second))
        .isInstanceOf(PaymentProviderUnavailableException.class).hasMessageContaining(second.refundId());
    assertThat(simulator.refunds(caseId)).hasSize(1);
    // the next attempt (the job's retry) finds the provider back and pays once
    assertThat(gateway.requestRefund(second).status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(simulator.refunds(caseId)).hasSize(2);
  }

  @Test
  void invalidRefundsAreRefusedButWrongCredentialsAreATechnicalFailure() {
    String caseId = newCase();
    assertThatThrownBy(() -> gateway.requestRefund(refund(caseId, "-5.00")))
        .isInstanceOf(RefundRejectedException.class).hasMessageContaining("400");
    assertThatThrownBy(() -> gateway.requestRefund(new RefundRequest(caseId + "-R1", caseId, "O-1",
        new BigDecimal("5.00"), "yuan", null))).isInstanceOf(RefundRejectedException.class);

    // (an unknown user rather than a wrong password: Camunda would lock the integration user for a while)
    assertThatThrownBy(() -> gatewayAs("", "nobody", "nobody").requestRefund(refund(caseId, "5.00")))
        .isInstanceOf(PaymentProviderUnavailableException.class).hasMessageContaining("401");
    assertThatThrownBy(() -> gatewayAs("", "agent", "agent").requestRefund(refund(caseId, "5.00")))
        .isInstanceOf(PaymentProviderUnavailableException.class).hasMessageContaining("403");
    assertThatThrownBy(() -> gatewayAs(localServer.baseUrl() + "/nowhere", properties.username(), properties.password())
        .requestRefund(refund(caseId, "5.00"))).isInstanceOf(PaymentProviderUnavailableException.class);
    assertThat(simulator.refunds(caseId)).isEmpty();
  }

  @Test
  void findRefundReadsTheProvidersRecord() {
    assertThat(gateway.findRefund("AS-NEVER-" + UUID.randomUUID())).isEmpty();

    RefundRequest request = refund(newCase(), "80.50");
    RefundReceipt receipt = gateway.requestRefund(request);
    assertThat(gateway.findRefund(request.refundId())).contains(receipt);

    simulator.settle(request.refundId(), "SUCCEEDED", null);
    assertThat(gateway.findRefund(request.refundId())).hasValueSatisfying(found -> {
      assertThat(found.status()).isEqualTo(PaymentStatus.SUCCEEDED);
      assertThat(found.amount()).isEqualByComparingTo("80.50");
      assertThat(found.providerRefundId()).isEqualTo(receipt.providerRefundId());
    });
  }

  @Test
  void aSettledRefundIsCalledBackWithItsResultAndCanBeResentWithTheSameEventId() {
    RefundRequest request = refund(newCase(), "129.00");
    RefundReceipt receipt = gateway.requestRefund(request);

    simulator.settle(request.refundId(), "SUCCEEDED", null);
    Received callback = awaitCallbacks(request.refundId(), 1).get(0);
    JsonNode body = callback.body();
    assertThat(callback.user()).isEqualTo("shop");
    // signed as a provider signs: HMAC-SHA256 of "<timestamp>.<body>" with the demo provider's secret
    assertThat(callback.signature()).isEqualTo(org.aftersales.system.http.CallbackSignature.sign(
        "demo-payment-signing-secret-0001", Long.parseLong(callback.timestamp()),
        callback.raw().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(UUID.fromString(body.get("eventId").asText())).isNotNull();
    assertThat(body.get("refundId").asText()).isEqualTo(request.refundId());
    assertThat(body.get("providerRefundId").asText()).isEqualTo(receipt.providerRefundId());
    assertThat(body.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(body.get("amount").isTextual()).isTrue();
    assertThat(body.get("amount").asText()).isEqualTo("129.00");
    assertThat(body.get("currency").asText()).isEqualTo("CNY");
    assertThat(body.get("failureReason").isNull()).isTrue();
    assertThat(OffsetDateTime.parse(body.get("occurredAt").asText())).isNotNull();
    assertThat(simulator.totalSucceeded(request.caseId())).isEqualByComparingTo("129.00");

    assertThatThrownBy(() -> simulator.settle(request.refundId(), "FAILED", "too late"))
        .isInstanceOfSatisfying(ResponseStatusException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(409));

    simulator.resendLastCallback(request.refundId());
    List<Received> both = awaitCallbacks(request.refundId(), 2);
    assertThat(both.get(1).body()).isEqualTo(body);
  }

  @Test
  void aScheduledFailureFailsTheNextSettlementWithAReason() {
    String caseId = newCase();
    RefundRequest request = refund(caseId, "129.00");
    gateway.requestRefund(request);
    simulator.failNextSettlements(1);

    simulator.settle(request.refundId(), "SUCCEEDED", null);
    JsonNode body = awaitCallbacks(request.refundId(), 1).get(0).body();
    assertThat(body.get("status").asText()).isEqualTo("FAILED");
    assertThat(body.get("failureReason").asText()).isEqualTo(PaymentSimulator.SCHEDULED_FAILURE);
    assertThat(gateway.findRefund(request.refundId())).hasValueSatisfying(found -> {
      assertThat(found.status()).isEqualTo(PaymentStatus.FAILED);
      assertThat(found.failureReason()).isEqualTo("Card account closed");
    });
    assertThat(simulator.totalSucceeded(caseId)).isEqualByComparingTo(BigDecimal.ZERO);

    // only one failure was scheduled
    RefundRequest next = new RefundRequest(caseId + "-R2", caseId, "O-1", new BigDecimal("129.00"), "CNY", null);
    gateway.requestRefund(next);
    simulator.settle(next.refundId(), "SUCCEEDED", null);
    assertThat(awaitCallbacks(next.refundId(), 1).get(0).body().get("status").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aCallbackIsDeliveredAgainWhileTheReceiverFails() {
    RefundRequest request = refund(newCase(), "10.00");
    gateway.requestRefund(request);
    callbacks.failNext(2);

    simulator.settle(request.refundId(), "FAILED", "Account frozen");
    JsonNode body = awaitCallbacks(request.refundId(), 1).get(0).body();
    assertThat(body.get("failureReason").asText()).isEqualTo("Account frozen");
  }

  /** A client like the application's, with other settings and a single attempt. */
  private HttpRefundGateway gatewayAs(String baseUrl, String username, String password) {
    return new HttpRefundGateway(new PaymentProperties(baseUrl, username, password, properties.connectTimeout(),
        properties.readTimeout(), 1, properties.backoff()), localServer);
  }

  private List<Received> awaitCallbacks(String refundId, int count) {
    await().atMost(CALLBACK_WAIT).until(() -> callbacks.forRefund(refundId).size() >= count);
    List<Received> received = callbacks.forRefund(refundId);
    assertThat(received).hasSize(count);
    return received;
  }

  private static String newCase() {
    return "AS-T-" + UUID.randomUUID();
  }

  private static RefundRequest refund(String caseId, String amount) {
    return new RefundRequest(caseId + "-R1", caseId, "O-20261111-0001", new BigDecimal(amount), "CNY",
        "After-sales case " + caseId);
  }

  private static RefundRequest withAmount(RefundRequest request, String amount) {
    return new RefundRequest(request.refundId(), request.caseId(), request.orderId(), new BigDecimal(amount),
        request.currency(), request.reason());
  }
}
