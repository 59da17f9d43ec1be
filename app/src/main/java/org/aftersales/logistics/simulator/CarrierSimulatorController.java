package org.aftersales.logistics.simulator;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.aftersales.logistics.Address;
import org.aftersales.logistics.ParcelStatus;
import org.aftersales.logistics.ShipmentRequest;
import org.aftersales.logistics.simulator.CarrierSimulator.SimulatedParcel;
import org.aftersales.system.http.InjectedFaults;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
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

/** The simulated carrier's HTTP API, and controls for people trying the system and for tests. */
@RestController
@RequestMapping("/simulators/carrier")
@ConditionalOnBean(CarrierSimulator.class)
@Tag(name = "Carrier simulator", description = "A stand-in carrier (pickups, shipments, tracking)")
public class CarrierSimulatorController {

  /** A pickup booking. */
  public record PickupBody(@NotBlank String reference, @NotBlank String caseId, @NotNull Address from,
      @NotNull Address to, @Min(1) int parcels) {}

  /** A shipment booking. */
  public record ShipmentBody(@NotBlank String reference, @NotBlank String caseId, @NotNull Address to,
      @NotEmpty List<ShipmentRequest.Line> lines) {}

  /** A watch on a customer's parcel. */
  public record WatchBody(@NotBlank String trackingNumber, @NotBlank String caseId) {}

  /** A manual status change. */
  public record Move(@NotNull ParcelStatus status) {}

  /**
   * Faults to inject: 503 or 422 for the next bookings, and (see {@link InjectedFaults}) 500s, slow answers
   * and lost answers on the next bookings.
   */
  public record Faults(@Min(0) int unavailableNext, @Min(0) int rejectNext, @Min(0) int errorNext,
      @Min(0) int slowNext, @Min(0) @Max(120_000) long slowMillis, @Min(0) int answerLostNext) {}

  private final CarrierSimulator simulator;

  public CarrierSimulatorController(CarrierSimulator simulator) {
    this.simulator = simulator;
  }

  @PostMapping("/pickups")
  @Operation(summary = "Book a door-to-door pickup (idempotent by Idempotency-Key)")
  public ResponseEntity<SimulatedParcel> pickup(@RequestHeader("Idempotency-Key") String key,
      @RequestBody @Valid PickupBody body) {
    simulator.faults().beforeWork();
    CarrierSimulator.Booked booked = simulator.book(key, body.caseId(), body.from(), body.toString(), true);
    simulator.faults().afterWork();
    return answer(booked);
  }

  @PostMapping("/shipments")
  @Operation(summary = "Book a shipment (idempotent by Idempotency-Key)")
  public ResponseEntity<SimulatedParcel> shipment(@RequestHeader("Idempotency-Key") String key,
      @RequestBody @Valid ShipmentBody body) {
    simulator.faults().beforeWork();
    CarrierSimulator.Booked booked = simulator.book(key, body.caseId(), body.to(), body.toString(), false);
    simulator.faults().afterWork();
    return answer(booked);
  }

  @PostMapping("/watches")
  @Operation(summary = "Follow a parcel the customer handed in")
  public Map<String, Object> watch(@RequestBody @Valid WatchBody body) {
    SimulatedParcel parcel = simulator.watch(body.trackingNumber(), body.caseId());
    return Map.of("trackingNumber", parcel.trackingNumber(), "status", parcel.status());
  }

  @GetMapping("/parcels/{trackingNumber}")
  public SimulatedParcel parcel(@PathVariable String trackingNumber) {
    return simulator.parcel(trackingNumber);
  }

  @GetMapping("/parcels")
  public List<SimulatedParcel> parcels(@RequestParam(required = false) String caseId) {
    return simulator.parcels(caseId);
  }

  @PostMapping("/parcels/{trackingNumber}/events")
  @Operation(summary = "Move a parcel to a status now and call back")
  public SimulatedParcel move(@PathVariable String trackingNumber, @RequestBody @Valid Move move) {
    return simulator.advance(trackingNumber, move.status());
  }

  @PostMapping("/parcels/{trackingNumber}/callbacks/resend")
  @Operation(summary = "Send the last status callback again, with the same event id")
  public CarrierSimulator.Callback resend(@PathVariable String trackingNumber) {
    return simulator.resendLastCallback(trackingNumber);
  }

  @PostMapping("/faults")
  @Operation(summary = "Answer 503, or refuse with 422, the next booking requests")
  public Faults faults(@RequestBody @Valid Faults faults) {
    simulator.unavailableNext(faults.unavailableNext());
    simulator.rejectNext(faults.rejectNext());
    simulator.faults().set(faults.errorNext(), faults.slowNext(), Duration.ofMillis(faults.slowMillis()),
        faults.answerLostNext());
    return faults;
  }

  @DeleteMapping("/faults")
  public ResponseEntity<Void> clearFaults() {
    simulator.resetFaults();
    return ResponseEntity.noContent().build();
  }

  private static ResponseEntity<SimulatedParcel> answer(CarrierSimulator.Booked booked) {
    return ResponseEntity.status(booked.created() ? HttpStatus.CREATED : HttpStatus.OK).body(booked.parcel());
  }
}
