package org.aftersales.payment.simulator;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.aftersales.payment.simulator.PaymentSimulator.SimulatedRefund;
import org.aftersales.system.http.InjectedFaults;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The simulated payment provider's HTTP API, and controls for people trying the system and for tests. */
@RestController
@RequestMapping("/simulators/payment")
// the same condition as the simulator's: @ConditionalOnBean is unreliable on scanned components
@ConditionalOnProperty(name = "aftersales.simulators.payment.enabled", havingValue = "true", matchIfMissing = true)
@Tag(name = "Payment simulator", description = "A stand-in payment provider (refunds)")
public class PaymentSimulatorController {

  /** A refund request as the provider takes it. */
  public record RefundBody(@NotBlank String refundId, @NotBlank String caseId, @NotBlank String orderId,
      @NotBlank @Pattern(regexp = "\\d{1,10}(\\.\\d{1,2})?") String amount,
      @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency, String reason) {}

  /** A request to collect a payment. */
  public record ChargeBody(@NotBlank String chargeId, @NotBlank String caseId, @NotBlank String orderId,
      @NotBlank @Pattern(regexp = "\\d{1,10}(\\.\\d{1,2})?") String amount,
      @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency, String description) {}

  /** A manual settlement. */
  public record Settlement(@NotBlank @Pattern(regexp = "SUCCEEDED|FAILED") String status, String failureReason,
      Boolean callback) {
    /** Whether the result is called back (the default); false records it in the book only. */
    boolean callsBack() {
      return callback == null || callback;
    }
  }

  /**
   * Faults to inject: 503 for the next requests, failed settlements, and (see {@link InjectedFaults}) 500s,
   * slow answers and lost answers on the next refund and charge requests.
   */
  public record Faults(@Min(0) int unavailableNext, @Min(0) int failNext, @Min(0) int errorNext,
      @Min(0) int slowNext, @Min(0) @Max(120_000) long slowMillis, @Min(0) int answerLostNext) {}

  private final PaymentSimulator simulator;

  public PaymentSimulatorController(PaymentSimulator simulator) {
    this.simulator = simulator;
  }

  @PostMapping("/refunds")
  @Operation(summary = "Request a refund (idempotent by Idempotency-Key = refundId)")
  public ResponseEntity<SimulatedRefund> create(@RequestHeader("Idempotency-Key") String key,
      @RequestBody @Valid RefundBody body) {
    simulator.faults().beforeWork();
    PaymentSimulator.Created created = simulator.create(key, body.refundId(), body.caseId(), body.orderId(),
        new BigDecimal(body.amount()), body.currency());
    simulator.faults().afterWork();
    return ResponseEntity.status(created.created() ? HttpStatus.CREATED : HttpStatus.OK).body(created.refund());
  }

  @GetMapping("/refunds/{refundId}")
  public SimulatedRefund find(@PathVariable String refundId) {
    return simulator.find(refundId);
  }

  @GetMapping("/refunds")
  public List<SimulatedRefund> list(@RequestParam(required = false) String caseId) {
    return simulator.refunds(caseId);
  }

  @PostMapping("/refunds/{refundId}/settle")
  @Operation(summary = "Settle a pending refund now and call back")
  public SimulatedRefund settle(@PathVariable String refundId, @RequestBody @Valid Settlement settlement) {
    return simulator.settle(refundId, settlement.status(), settlement.failureReason(), settlement.callsBack());
  }

  @PostMapping("/refunds/{refundId}/callbacks/resend")
  @Operation(summary = "Send the last callback again, with the same event id")
  public PaymentSimulator.Callback resend(@PathVariable String refundId) {
    return simulator.resendLastCallback(refundId);
  }

  @PostMapping("/charges")
  @Operation(summary = "Collect a payment from a customer (idempotent by Idempotency-Key = chargeId)")
  public ResponseEntity<PaymentSimulator.SimulatedCharge> charge(@RequestHeader("Idempotency-Key") String key,
      @RequestBody @Valid ChargeBody body) {
    simulator.faults().beforeWork();
    PaymentSimulator.SimulatedCharge charge = simulator.createCharge(key, body.chargeId(), body.caseId(),
        body.orderId(), new BigDecimal(body.amount()), body.currency());
    simulator.faults().afterWork();
    return ResponseEntity.status(HttpStatus.CREATED).body(charge);
  }

  @GetMapping("/charges/{chargeId}")
  @Operation(summary = "The status of one charge")
  public PaymentSimulator.SimulatedCharge findCharge(@PathVariable String chargeId) {
    return simulator.findCharge(chargeId);
  }

  @GetMapping("/charges")
  public List<PaymentSimulator.SimulatedCharge> charges(@RequestParam(required = false) String caseId) {
    return simulator.charges(caseId);
  }

  @PostMapping("/charges/{chargeId}/settle")
  @Operation(summary = "The customer pays now (or the payment fails) and the result is called back")
  public PaymentSimulator.SimulatedCharge settleCharge(@PathVariable String chargeId, @RequestBody @Valid Settlement settlement) {
    return simulator.settleCharge(chargeId, settlement.status(), settlement.failureReason(), settlement.callsBack());
  }

  @PostMapping("/faults")
  @Operation(summary = "Answer 503 to the next refund requests, or fail the next settlements")
  public Faults faults(@RequestBody @Valid Faults faults) {
    simulator.unavailableNext(faults.unavailableNext());
    simulator.failNextSettlements(faults.failNext());
    simulator.faults().set(faults.errorNext(), faults.slowNext(), Duration.ofMillis(faults.slowMillis()),
        faults.answerLostNext());
    return faults;
  }

  @DeleteMapping("/faults")
  public ResponseEntity<Void> clearFaults() {
    simulator.resetFaults();
    return ResponseEntity.noContent().build();
  }
}
