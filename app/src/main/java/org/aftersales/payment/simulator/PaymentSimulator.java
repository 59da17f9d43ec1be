package org.aftersales.payment.simulator;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersales.system.LocalServer;
import org.aftersales.system.http.InjectedFaults;
import org.aftersales.system.http.CallbackSender;
import org.aftersales.system.http.OutboundHttp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * A stand-in for a payment provider, served under {@code /simulators/payment}: it keeps a refund ledger,
 * answers the same idempotency key with the same refund, settles refunds later and calls back with the
 * result, and can be told to fail. Its ledger lives in memory and is lost on restart. Replace it with a
 * real provider by setting {@code aftersales.payment.base-url}.
 */
@Component
@ConditionalOnProperty(name = "aftersales.simulators.payment.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(PaymentSimulatorProperties.class)
public class PaymentSimulator implements AutoCloseable {

  /** A refund in the simulated provider's ledger. */
  public record SimulatedRefund(String refundId, String providerRefundId, String caseId, String orderId,
      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency, String status, String failureReason, OffsetDateTime createdAt) {}

  /** A callback as sent (with its own date format: the callback client does not use this application's). */
  public record Callback(String eventId, String refundId, String providerRefundId, String status, String amount,
      String currency, String failureReason, @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime occurredAt) {}

  /** A payment the simulated provider collects from a customer (the customer pays on its page). */
  public record SimulatedCharge(String chargeId, String providerChargeId, String caseId, String orderId,
      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency, String status, String failureReason, OffsetDateTime createdAt) {}

  /** A charge callback as sent. */
  public record ChargeCallback(String eventId, String chargeId, String providerChargeId, String status, String amount,
      String currency, String failureReason, @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime occurredAt) {}

  /** The failure reason of a settlement that {@link #failNextSettlements} made fail. */
  public static final String SCHEDULED_FAILURE = "Card account closed";

  private final Map<String, SimulatedRefund> refunds = new LinkedHashMap<>();
  private final Map<String, SimulatedCharge> charges = new LinkedHashMap<>();
  private final Map<String, Callback> lastCallbacks = new LinkedHashMap<>();
  private final AtomicInteger unavailable = new AtomicInteger();
  private final InjectedFaults faults = new InjectedFaults();
  private final AtomicInteger failing = new AtomicInteger();
  private final PaymentSimulatorProperties properties;
  private final LocalServer localServer;
  private final CallbackSender callbacks;
  private final Clock clock;

  public PaymentSimulator(PaymentSimulatorProperties properties, LocalServer localServer, Clock clock,
      @Value("${aftersales.integration.user}") String user, @Value("${aftersales.integration.password}") String password) {
    // calls back as the party it stands in for (its own login and signing secret); the integration login only
    // where no callback login is configured
    this.properties = properties;
    this.localServer = localServer;
    this.clock = clock;
    boolean ownLogin = properties.callbackUser() != null && !properties.callbackUser().isBlank();
    this.callbacks = new CallbackSender("payment-simulator", new OutboundHttp.Settings(ownLogin ? properties.callbackUser() : user,
        ownLogin ? properties.callbackPassword() : password, Duration.ofSeconds(2), Duration.ofSeconds(10), 1,
        properties.callbackBackoff()), properties.callbackAttempts(), properties.signingSecret(), clock);
  }

  /** Takes a refund request; the same key with the same body answers the first refund again. */
  public synchronized Created create(String idempotencyKey, String refundId, String caseId, String orderId,
      BigDecimal amount, String currency) {
    if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Simulated outage");
    }
    if (!idempotencyKey.equals(refundId)) {
      throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key must equal refundId");
    }
    SimulatedRefund existing = refunds.get(refundId);
    if (existing != null) {
      if (existing.amount().compareTo(amount) != 0 || !existing.currency().equals(currency)) {
        throw new ResponseStatusException(HttpStatus.CONFLICT, "Refund " + refundId + " was requested for "
            + existing.amount().toPlainString() + " " + existing.currency());
      }
      return new Created(existing, false);
    }
    SimulatedRefund refund = new SimulatedRefund(refundId, "PR-" + UUID.randomUUID(), caseId, orderId,
        amount.setScale(2), currency, "PENDING", null, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
    refunds.put(refundId, refund);
    if (properties.autoSettle()) {
      callbacks.schedule(() -> settleIfPending(refundId), properties.settleDelay());
    }
    return new Created(refund, true);
  }

  /** A refund and whether it was created by this call. */
  public record Created(SimulatedRefund refund, boolean created) {}

  public synchronized SimulatedRefund find(String refundId) {
    SimulatedRefund refund = refunds.get(refundId);
    if (refund == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No refund " + refundId);
    }
    return refund;
  }

  public synchronized List<SimulatedRefund> refunds(String caseId) {
    return refunds.values().stream().filter(r -> caseId == null || caseId.equals(r.caseId())).toList();
  }

  /** What was actually paid out for a case. */
  public synchronized BigDecimal totalSucceeded(String caseId) {
    return refunds(caseId).stream().filter(r -> "SUCCEEDED".equals(r.status())).map(SimulatedRefund::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /**
   * Settles a pending refund now (SUCCEEDED, or FAILED with a reason) and calls back. A failure scheduled
   * by {@link #failNextSettlements} wins over the status asked for: the refund fails with
   * {@link #SCHEDULED_FAILURE}.
   */
  public synchronized SimulatedRefund settle(String refundId, String status, String failureReason) {
    return settle(refundId, status, failureReason, true);
  }

  /** As {@link #settle(String, String, String)}; without {@code callBack} the result is only in the book. */
  public synchronized SimulatedRefund settle(String refundId, String status, String failureReason, boolean callBack) {
    SimulatedRefund refund = find(refundId);
    if (!"PENDING".equals(refund.status())) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "Refund " + refundId + " is already " + refund.status());
    }
    if (!"SUCCEEDED".equals(status) && !"FAILED".equals(status)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be SUCCEEDED or FAILED");
    }
    boolean scheduledFailure = failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    String result = scheduledFailure ? "FAILED" : status;
    String reason = scheduledFailure ? SCHEDULED_FAILURE
        : "FAILED".equals(status) ? (failureReason == null ? "Refund declined by the bank" : failureReason) : null;
    SimulatedRefund settled = new SimulatedRefund(refund.refundId(), refund.providerRefundId(), refund.caseId(),
        refund.orderId(), refund.amount(), refund.currency(), result, reason, refund.createdAt());
    refunds.put(refundId, settled);
    Callback callback = new Callback(UUID.randomUUID().toString(), refundId, settled.providerRefundId(), result,
        settled.amount().toPlainString(), settled.currency(), settled.failureReason(),
        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
    lastCallbacks.put(refundId, callback);
    if (callBack) {
      callbacks.send(callbackUrl(), callback);
    }
    return settled;
  }

  /** Sends the last callback of a refund again, with the same event id, as providers do; 409 if not settled yet. */
  public synchronized Callback resendLastCallback(String refundId) {
    find(refundId);
    Callback callback = lastCallbacks.get(refundId);
    if (callback == null) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "Refund " + refundId + " has not been settled yet");
    }
    callbacks.send(callbackUrl(), callback);
    return callback;
  }

  /** Takes a request to collect a payment; the same key with the same body answers the first charge again. */
  public synchronized SimulatedCharge createCharge(String idempotencyKey, String chargeId, String caseId, String orderId,
      BigDecimal amount, String currency) {
    if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Simulated outage");
    }
    if (!idempotencyKey.equals(chargeId)) {
      throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key must equal chargeId");
    }
    SimulatedCharge existing = charges.get(chargeId);
    if (existing != null) {
      if (existing.amount().compareTo(amount) != 0 || !existing.currency().equals(currency)) {
        throw new ResponseStatusException(HttpStatus.CONFLICT, "Charge " + chargeId + " was requested for "
            + existing.amount().toPlainString() + " " + existing.currency());
      }
      return existing;
    }
    SimulatedCharge charge = new SimulatedCharge(chargeId, "PC-" + UUID.randomUUID(), caseId, orderId, amount.setScale(2),
        currency, "PENDING", null, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
    charges.put(chargeId, charge);
    if (properties.autoSettle()) {
      callbacks.schedule(() -> settleChargeIfPending(chargeId), properties.settleDelay());
    }
    return charge;
  }

  /** The customer pays (SUCCEEDED) or the payment fails now; the result is called back. */
  public synchronized SimulatedCharge settleCharge(String chargeId, String status, String failureReason) {
    return settleCharge(chargeId, status, failureReason, true);
  }

  public synchronized SimulatedCharge findCharge(String chargeId) {
    SimulatedCharge charge = charges.get(chargeId);
    if (charge == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No charge " + chargeId);
    }
    return charge;
  }

  /** As {@link #settleCharge(String, String, String)}; without {@code callBack} the result is only in the book. */
  public synchronized SimulatedCharge settleCharge(String chargeId, String status, String failureReason,
      boolean callBack) {
    SimulatedCharge charge = findCharge(chargeId);
    if (!"PENDING".equals(charge.status())) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "Charge " + chargeId + " is already " + charge.status());
    }
    if (!"SUCCEEDED".equals(status) && !"FAILED".equals(status)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be SUCCEEDED or FAILED");
    }
    String reason = "FAILED".equals(status) ? (failureReason == null ? "Payment declined by the bank" : failureReason) : null;
    SimulatedCharge settled = new SimulatedCharge(chargeId, charge.providerChargeId(), charge.caseId(), charge.orderId(),
        charge.amount(), charge.currency(), status, reason, charge.createdAt());
    charges.put(chargeId, settled);
    if (!callBack) {
      return settled;
    }
    callbacks.send(callbackUrl(), new ChargeCallback(UUID.randomUUID().toString(), chargeId, settled.providerChargeId(),
        status, settled.amount().toPlainString(), settled.currency(), reason,
        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)));
    return settled;
  }

  public synchronized List<SimulatedCharge> charges(String caseId) {
    return charges.values().stream().filter(c -> caseId == null || caseId.equals(c.caseId())).toList();
  }

  /** What was actually collected from the customer of a case. */
  public synchronized BigDecimal totalCharged(String caseId) {
    return charges(caseId).stream().filter(c -> "SUCCEEDED".equals(c.status())).map(SimulatedCharge::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private synchronized void settleChargeIfPending(String chargeId) {
    SimulatedCharge charge = charges.get(chargeId);
    if (charge != null && "PENDING".equals(charge.status())) {
      boolean fail = failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
      settleCharge(chargeId, fail ? "FAILED" : "SUCCEEDED", fail ? "Card declined" : null);
    }
  }

  public void unavailableNext(int requests) {
    unavailable.set(requests);
  }

  public void failNextSettlements(int settlements) {
    failing.set(settlements);
  }

  /** Faults on the requests that change something (500s, slow and lost answers), applied by the controller. */
  public InjectedFaults faults() {
    return faults;
  }

  public void resetFaults() {
    unavailable.set(0);
    failing.set(0);
    faults.reset();
  }

  private synchronized void settleIfPending(String refundId) {
    SimulatedRefund refund = refunds.get(refundId);
    if (refund != null && "PENDING".equals(refund.status())) {
      settle(refundId, "SUCCEEDED", null);
    }
  }

  /** The configured callback URL; empty means this application's payment events, a bare path one of its own. */
  private String callbackUrl() {
    String configured = properties.callbackUrl();
    return configured.startsWith("/") ? localServer.baseUrl() + configured
        : localServer.resolve(configured, "/api/events/payments");
  }

  @Override
  public void close() {
    callbacks.close();
  }
}
