package org.aftersales.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.aftersales.cases.EventAnswer;
import org.aftersales.cases.InboundEventLog;
import org.aftersales.cases.InboundEventLog.Effect;
import org.aftersales.system.http.CallbackSignature;
import org.aftersales.system.web.InvalidRequestException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payment provider's results for refunds and for payments collected from customers (charges). Each
 * event counts once: a repeated event id, or a result we already have, changes nothing and says so; an
 * unknown refund or charge gets 404, a contradicting result 409. A new result is only taken once the provider's own
 * record confirms it ({@link PaymentResults}); one it does not confirm gets 409, is recorded and raised for finance.
 * A provider acts on the refunds and charges asked of it only; another provider's get 404 as if unknown.
 */
@RestController
@Tag(name = "Outside events", description = "Callbacks from carriers and payment providers")
public class PaymentEventController {

  static final String SOURCE = "payment";

  /** A refund result as the provider sends it. */
  public record RefundEvent(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}") String eventId,
      @Size(max = 60) String refundId,
      @Size(max = 60) String chargeId,
      @Size(max = 100) String providerRefundId,
      @Size(max = 100) String providerChargeId,
      @NotNull PaymentStatus status,
      @Pattern(regexp = "\\d{1,10}(\\.\\d{1,2})?") String amount,
      @Pattern(regexp = "[A-Z]{3}") String currency,
      @Size(max = 300) String failureReason,
      @NotNull OffsetDateTime occurredAt) {}

  /** The message and variables a charge result is correlated with (repair-request). */
  public static final String CHARGE_SETTLED = "Msg_ChargeSettled";
  public static final String CHARGE_ID = "chargeId";
  public static final String CHARGE_STATUS = "chargeStatus";
  /** The message and variables a refund result is correlated with (refund-payment, called by every flow that pays). */
  public static final String REFUND_SETTLED = "Msg_RefundSettled";
  public static final String REFUND_ID = "refundId";
  public static final String REFUND_STATUS = "refundStatus";
  public static final String REFUND_FAILURE_REASON = "refundFailureReason";

  private final RefundLedger ledger;
  private final ChargeLedger charges;
  private final InboundEventLog events;
  private final PaymentResults results;

  public PaymentEventController(RefundLedger ledger, ChargeLedger charges, InboundEventLog events,
      PaymentResults results) {
    this.ledger = ledger;
    this.charges = charges;
    this.events = events;
    this.results = results;
  }

  private EventAnswer chargeResult(RefundEvent event, String sender) {
    String caseId = charges.caseRequestedFrom(event.chargeId(), sender);
    var earlier = events.claim(SOURCE, event.eventId(), event.chargeId());
    if (earlier.isPresent()) {
      return new EventAnswer(event.eventId(), caseId, Effect.DUPLICATE, "This event was received before; nothing changed.");
    }
    PaymentResults.Applied applied = results.charge(event.chargeId(), event.status(), event.providerChargeId(),
        event.failureReason(), event.amount() == null ? null : new BigDecimal(event.amount()), event.currency());
    events.settle(SOURCE, event.eventId(), applied.effect());
    return new EventAnswer(event.eventId(), caseId, applied.effect(), applied.detail());
  }

  @PostMapping("/api/events/payments")
  @Operation(summary = "A refund succeeded or failed", description = "Answers 200 with the effect: APPLIED, "
      + "ALREADY_APPLIED or DUPLICATE; 404 for an unknown refund, 409 for a result that contradicts an earlier "
      + "one or that the provider's own record does not confirm, 503 (retry) if the case is not ready for it yet or "
      + "the provider cannot be asked.")
  @Transactional
  public EventAnswer refundResult(@RequestBody @Valid RefundEvent event,
      @RequestAttribute(name = CallbackSignature.SENDER_ATTRIBUTE, required = false) String sender) {
    if (event.status() == PaymentStatus.PENDING) {
      throw new InvalidRequestException("status", "must be a final result: SUCCEEDED or FAILED");
    }
    if ((event.refundId() == null) == (event.chargeId() == null)) {
      throw new InvalidRequestException("refundId", "give either refundId or chargeId");
    }
    if (event.chargeId() != null) {
      return chargeResult(event, sender);
    }
    String caseId = ledger.caseRequestedFrom(event.refundId(), sender);
    var earlier = events.claim(SOURCE, event.eventId(), event.refundId());
    if (earlier.isPresent()) {
      return new EventAnswer(event.eventId(), caseId, Effect.DUPLICATE, "This event was received before ("
          + earlier.get() + "); nothing changed.");
    }
    PaymentResults.Applied applied = results.refund(event.refundId(), event.status(), event.providerRefundId(),
        event.failureReason(), event.amount() == null ? null : new BigDecimal(event.amount()), event.currency());
    events.settle(SOURCE, event.eventId(), applied.effect());
    return new EventAnswer(event.eventId(), caseId, applied.effect(), applied.detail());
  }
}
