package org.aftersales.repair;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;
import org.aftersales.system.web.IdempotencyService;
import org.aftersales.system.web.InvalidRequestException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The customer's part in a repair, through the shop: evidence, answers, an appointment, a choice. */
@RestController
@RequestMapping("/api/cases/{caseId}")
@Tag(name = "Repairs", description = "What the customer hands in during a repair")
public class RepairController {

  static final String CUSTOMER = "X-Customer-Id";
  static final String KEY = "Idempotency-Key";

  /** Photos (https links) and a fault description. */
  public record Evidence(@NotEmpty @Size(max = 10) List<@Pattern(regexp = "https://\\S{1,490}", message = "must be an https link") String> evidence,
      @Size(max = 2000) String description) {}

  /** Whether the self-repair instructions fixed it. */
  public record SelfRepairAnswer(@NotNull Boolean fixed) {}

  /** A slot at the service point. */
  public record Appointment(@NotNull OffsetDateTime slotStart) {}

  /** The answer to a repair quote. */
  public record QuoteAnswer(@NotNull Boolean accept) {}

  /** Replacement or refund. */
  public record RemedyChoice(@NotNull @Pattern(regexp = "REPLACEMENT|REFUND", message = "must be REPLACEMENT or REFUND") String choice) {}

  private final RepairService repairs;
  private final IdempotencyService idempotency;

  public RepairController(RepairService repairs, IdempotencyService idempotency) {
    this.repairs = repairs;
    this.idempotency = idempotency;
  }

  @PostMapping("/evidence")
  @Operation(summary = "Send photos and a fault description asked for by the warranty check")
  public ResponseEntity<?> evidence(@PathVariable String caseId, @RequestBody @Valid Evidence body,
      @RequestHeader(name = KEY, required = false) String key, @RequestHeader(name = CUSTOMER, required = false) String actingFor,
      Principal caller) {
    if (body.description() != null && body.description().matches("(?is).*<\\s*[a-z/!?].*|.*javascript:.*")) {
      throw new InvalidRequestException("description", "must be plain text, without HTML or script markup");
    }
    return idempotency.execute(caller.getName() + ":evidence:" + caseId, key, body,
        () -> ResponseEntity.ok(repairs.supplyEvidence(caseId, body.evidence(), body.description(), actingFor)));
  }

  @PostMapping("/self-repair-answer")
  @Operation(summary = "Say whether the self-repair instructions fixed the fault")
  public ResponseEntity<?> selfRepair(@PathVariable String caseId, @RequestBody @Valid SelfRepairAnswer body,
      @RequestHeader(name = KEY, required = false) String key, @RequestHeader(name = CUSTOMER, required = false) String actingFor,
      Principal caller) {
    return idempotency.execute(caller.getName() + ":self-repair:" + caseId, key, body,
        () -> ResponseEntity.ok(repairs.selfRepairAnswer(caseId, body.fixed(), actingFor)));
  }

  @PostMapping("/appointment")
  @Operation(summary = "Book a slot to hand the product in at the service point",
      description = "On the hour inside opening hours, in the future and within the booking horizon, in a slot not full; one per case.")
  public ResponseEntity<?> appointment(@PathVariable String caseId, @RequestBody @Valid Appointment body,
      @RequestHeader(name = KEY, required = false) String key, @RequestHeader(name = CUSTOMER, required = false) String actingFor,
      Principal caller) {
    return idempotency.execute(caller.getName() + ":appointment:" + caseId, key, body,
        () -> ResponseEntity.ok(repairs.bookAppointment(caseId, body.slotStart(), actingFor)));
  }

  @PostMapping("/quote-answer")
  @Operation(summary = "Accept or decline the repair quote")
  public ResponseEntity<?> quote(@PathVariable String caseId, @RequestBody @Valid QuoteAnswer body,
      @RequestHeader(name = KEY, required = false) String key, @RequestHeader(name = CUSTOMER, required = false) String actingFor,
      Principal caller) {
    return idempotency.execute(caller.getName() + ":quote:" + caseId, key, body,
        () -> ResponseEntity.ok(repairs.quoteAnswer(caseId, body.accept(), actingFor)));
  }

  @PostMapping("/remedy")
  @Operation(summary = "Choose a replacement or a refund when the repair cannot be done in time or the fault came back")
  public ResponseEntity<?> remedy(@PathVariable String caseId, @RequestBody @Valid RemedyChoice body,
      @RequestHeader(name = KEY, required = false) String key, @RequestHeader(name = CUSTOMER, required = false) String actingFor,
      Principal caller) {
    return idempotency.execute(caller.getName() + ":remedy:" + caseId, key, body,
        () -> ResponseEntity.ok(repairs.chooseRemedy(caseId, body.choice(), actingFor)));
  }
}
