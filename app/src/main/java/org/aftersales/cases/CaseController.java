package org.aftersales.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.security.Principal;
import org.aftersales.system.web.IdempotencyService;
import org.aftersales.system.web.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop-facing case API: open a case, read it, list a customer's cases, withdraw it, and hand in the
 * tracking number of a parcel the customer shipped back. A caller that acts for one customer says so in
 * {@code X-Customer-Id} and then sees only that customer's cases.
 */
@RestController
@RequestMapping("/api/cases")
@Tag(name = "Cases", description = "Open and follow after-sales cases")
@Validated
public class CaseController {

  static final String CUSTOMER_HEADER = "X-Customer-Id";
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final CaseService cases;
  private final IdempotencyService idempotency;

  public CaseController(CaseService cases, IdempotencyService idempotency) {
    this.cases = cases;
    this.idempotency = idempotency;
  }

  @PostMapping
  @Operation(summary = "Open a case", description = "Starts the flow for the request type. With an "
      + "Idempotency-Key the same request answers the same case again; another body with that key gets 409. A RETURN "
      + "or REFUND_ONLY request on goods whose price was paid back already (refunds and compensation over all cases "
      + "of the order) gets 409 with the figures.")
  public ResponseEntity<?> open(@RequestBody OpenCaseRequest request,
      @RequestHeader(name = IDEMPOTENCY_HEADER, required = false) String idempotencyKey,
      @RequestHeader(name = CUSTOMER_HEADER, required = false) String actingFor, Principal caller) {
    if (request == null) {
      throw new InvalidRequestException("body", "is required");
    }
    if (actingFor != null && !actingFor.equals(request.customerId())) {
      throw new InvalidRequestException("customerId", "differs from the customer named in " + CUSTOMER_HEADER);
    }
    return idempotency.execute(scope(caller, "open"), idempotencyKey, request, () -> {
      CaseView opened = cases.open(request, caller.getName());
      return ResponseEntity.created(URI.create("/api/cases/" + opened.caseId())).body(opened);
    });
  }

  @GetMapping("/{caseId}")
  @Operation(summary = "Read a case", description = "Status, the stage in words for the customer, and the timeline; "
      + "the customer's own description and contact (name, e-mail, phone, address, language) as handed in. Stage and "
      + "timeline are written in the contact's language (zh: Simplified Chinese; otherwise English).")
  public CaseView read(@PathVariable String caseId,
      @RequestHeader(name = CUSTOMER_HEADER, required = false) String actingFor) {
    return cases.view(caseId, actingFor);
  }

  @GetMapping
  @Operation(summary = "List a customer's cases", description = "Newest first, paged (page from 0).")
  public CasePage list(
      @RequestParam @NotBlank @Pattern(regexp = OpenCaseRequest.ID) String customerId,
      @RequestParam(defaultValue = "0") @Min(0) @Max(10000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
      @Parameter(description = "the customer a customer-facing caller acts for")
      @RequestHeader(name = CUSTOMER_HEADER, required = false) String actingFor) {
    if (actingFor != null && !actingFor.equals(customerId)) {
      return new CasePage(java.util.List.of(), page, size, 0);
    }
    return cases.list(customerId, page, size);
  }

  @PostMapping("/{caseId}/cancel")
  @Operation(summary = "Withdraw a case", description = "Allowed until the refund has been sent to the payment "
      + "provider or the replacement handed to the carrier; afterwards, and for closed cases, 409 with the reason.")
  public ResponseEntity<?> cancel(@PathVariable String caseId,
      @RequestHeader(name = IDEMPOTENCY_HEADER, required = false) String idempotencyKey,
      @RequestHeader(name = CUSTOMER_HEADER, required = false) String actingFor, Principal caller) {
    return idempotency.execute(scope(caller, "cancel:" + caseId), idempotencyKey, caseId,
        () -> ResponseEntity.ok(cases.cancel(caseId, actingFor)));
  }

  /** The tracking number of a parcel the customer shipped back themselves. */
  public record ReturnShipment(
      @NotBlank @Pattern(regexp = "[A-Z0-9]{8,30}", message = "must be 8 to 30 capital letters or digits") String trackingNumber) {}

  @PostMapping("/{caseId}/return-shipment")
  @Operation(summary = "The customer shipped the goods back", description = "Hands in the tracking number; "
      + "the case then follows the parcel. 409 if the case is not waiting for a shipment.")
  public ResponseEntity<?> returnShipment(@PathVariable String caseId, @RequestBody @jakarta.validation.Valid ReturnShipment shipment,
      @RequestHeader(name = IDEMPOTENCY_HEADER, required = false) String idempotencyKey,
      @RequestHeader(name = CUSTOMER_HEADER, required = false) String actingFor, Principal caller) {
    return idempotency.execute(scope(caller, "return-shipment:" + caseId), idempotencyKey, shipment,
        () -> ResponseEntity.status(HttpStatus.OK).body(cases.customerShipped(caseId, shipment.trackingNumber(), actingFor)));
  }

  /** The customer's answer to a partial refund offer. */
  public record OfferAnswer(@jakarta.validation.constraints.NotNull Boolean accept) {}

  @PostMapping("/{caseId}/partial-refund-answer")
  @Operation(summary = "Accept or decline a partial refund offer", description = "An agent may offer a partial "
      + "refund instead of a return; without an answer within the limit the offer counts as accepted. 409 if no "
      + "offer is waiting.")
  public ResponseEntity<?> answerOffer(@PathVariable String caseId, @RequestBody @jakarta.validation.Valid OfferAnswer answer,
      @RequestHeader(name = IDEMPOTENCY_HEADER, required = false) String idempotencyKey,
      @RequestHeader(name = CUSTOMER_HEADER, required = false) String actingFor, Principal caller) {
    return idempotency.execute(scope(caller, "partial-refund-answer:" + caseId), idempotencyKey, answer,
        () -> ResponseEntity.ok(cases.answerOffer(caseId, answer.accept(), actingFor)));
  }

  private static String scope(Principal caller, String operation) {
    return caller.getName() + ":" + operation;
  }
}
