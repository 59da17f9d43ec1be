package org.aftersales.complaint;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import org.aftersales.parties.SellerLogins;
import org.aftersales.system.web.IdempotencyService;
import org.aftersales.system.web.InvalidRequestException;
import org.aftersales.system.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Complaints through the API: the seller's statement, the customer's appeal, the complaint record, penalties per seller. */
@RestController
@RequestMapping("/api")
@Tag(name = "Complaints", description = "The seller's statement, the customer's appeal and the seller penalty record")
public class ComplaintController {

  static final String CUSTOMER = "X-Customer-Id";
  static final String KEY = "Idempotency-Key";
  private static final String LINK = "https://\\S{1,490}";
  private static final java.util.regex.Pattern MARKUP =
      java.util.regex.Pattern.compile("<\\s*[a-zA-Z/!?]|javascript:", java.util.regex.Pattern.CASE_INSENSITIVE);

  /** The seller's side: a statement and links to evidence (chat logs, shipping records, photos). */
  public record SellerStatement(@NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String sellerId,
      @NotBlank @Size(max = 4000) String statement,
      @Size(max = 10) List<@NotBlank @Pattern(regexp = LINK, message = "must be an https link") String> evidence) {}

  /** Why the customer disagrees with the decision. */
  public record Appeal(@NotBlank @Size(max = 2000) String reason) {}

  /** A seller's penalties in a period, with totals. */
  public record SellerPenalties(String sellerId, Instant from, Instant to, int warnings, int points,
      Map<String, String> fines, List<ComplaintBook.Penalty> penalties) {}

  private final ComplaintService complaints;
  private final ComplaintBook book;
  private final IdempotencyService idempotency;
  private final Clock clock;
  private final SellerLogins sellers;

  public ComplaintController(ComplaintService complaints, ComplaintBook book, IdempotencyService idempotency, Clock clock,
      SellerLogins sellers) {
    this.sellers = sellers;
    this.complaints = complaints;
    this.book = book;
    this.idempotency = idempotency;
    this.clock = clock;
  }

  @PostMapping("/cases/{caseId}/seller-statement")
  @Operation(summary = "The seller answers a complaint", description = "Once, before the deadline the seller was "
      + "told; after it the platform decides without the statement (409). Only from the seller's own login (403 for "
      + "another seller's), or from staff recording what the seller said (marked as recorded by staff).")
  public ResponseEntity<?> sellerStatement(@PathVariable String caseId, @RequestBody @Valid SellerStatement body,
      @RequestHeader(name = KEY, required = false) String key, Principal caller) {
    plainText("statement", body.statement());
    List<String> evidence = body.evidence() == null ? List.of() : body.evidence();
    String recordedBy = recordedByStaff(caller, body.sellerId());
    return idempotency.execute(caller.getName() + ":seller-statement:" + caseId, key, body,
        () -> ResponseEntity.ok(complaints.sellerStatement(caseId, body.sellerId(), body.statement().strip(), evidence,
            recordedBy)));
  }

  /**
   * Who records a statement for the seller: null when the seller's own login sends it; the staff member's user id
   * otherwise. A seller's login answers for its own seller id only.
   */
  private String recordedByStaff(Principal caller, String sellerId) {
    Optional<String> seller = sellers.sellerOf(caller);
    if (seller.isEmpty()) {
      return caller.getName();
    }
    String own = seller.get();
    if (!sellerId.equals(own)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Your login answers for seller " + own
          + " only, not for " + sellerId + "; nothing was recorded.");
    }
    return null;
  }

  @PostMapping("/cases/{caseId}/appeal")
  @Operation(summary = "The customer appeals the decision on a complaint", description = "Once, within the appeal "
      + "window after the decision; a supervisor decides the appeal.")
  public ResponseEntity<?> appeal(@PathVariable String caseId, @RequestBody @Valid Appeal body,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestHeader(name = CUSTOMER, required = false) String actingFor, Principal caller) {
    plainText("reason", body.reason());
    return idempotency.execute(caller.getName() + ":appeal:" + caseId, key, body,
        () -> ResponseEntity.ok(complaints.appeal(caseId, body.reason().strip(), actingFor)));
  }

  @GetMapping("/cases/{caseId}/complaint")
  @Operation(summary = "The complaint record of a case: severity, limits, statements, decisions, penalties",
      description = "A seller's login reads the complaints about itself only (404 for any other case).")
  public ComplaintService.ComplaintView complaint(@PathVariable String caseId,
      @RequestHeader(name = CUSTOMER, required = false) String actingFor, Principal caller) {
    Optional<String> seller = sellers.sellerOf(caller);
    if (seller.isPresent()) {
      return complaints.viewForSeller(caseId, seller.get());
    }
    return complaints.view(caseId, actingFor);
  }

  @GetMapping("/sellers/{sellerId}/complaints")
  @Operation(summary = "The complaints about a seller, newest first", description = "At most 100. A seller's login "
      + "reads its own only (404 for another seller).")
  public List<ComplaintService.ComplaintView> complaintsOfSeller(@PathVariable String sellerId, Principal caller) {
    ownSellerOnly(sellerId, caller);
    return book.casesOfSeller(sellerId, 100).stream().map(caseId -> complaints.viewForSeller(caseId, sellerId)).toList();
  }

  /** A seller's login reaches its own seller id only; another is answered as unknown (404), nothing revealed. */
  private void ownSellerOnly(String sellerId, Principal caller) {
    if (!sellerId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new InvalidRequestException("sellerId", "must be a seller id such as S-77");
    }
    if (sellers.sellerOf(caller).filter(own -> !own.equals(sellerId)).isPresent()) {
      throw new NotFoundException("No seller " + sellerId + " is known to your login.");
    }
  }

  @GetMapping("/sellers/{sellerId}/penalties")
  @Operation(summary = "A seller's penalty record", description = "Warnings, points and fines imposed on complaints, "
      + "from (inclusive) to (exclusive), ISO-8601 date-times; the last 365 days by default, at most 5 years. A seller's "
      + "login reads its own only (404 for another seller).")
  public SellerPenalties penalties(@PathVariable String sellerId, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, Principal caller) {
    ownSellerOnly(sellerId, caller);
    Instant end = to == null ? clock.instant() : time("to", to);
    Instant start = from == null ? end.minus(Duration.ofDays(365)) : time("from", from);
    if (!start.isBefore(end)) {
      throw new InvalidRequestException("from", "must be before to");
    }
    if (Duration.between(start, end).compareTo(Duration.ofDays(5 * 366)) > 0) {
      throw new InvalidRequestException("from", "must be at most 5 years before to");
    }
    List<ComplaintBook.Penalty> penalties = book.penaltiesOfSeller(sellerId, start, end);
    Map<String, java.math.BigDecimal> fines = new TreeMap<>();
    penalties.stream().filter(p -> p.fine() != null).forEach(p -> fines.merge(p.currency(), p.fine(), java.math.BigDecimal::add));
    Map<String, String> fineText = new TreeMap<>();
    fines.forEach((currency, sum) -> fineText.put(currency, sum.setScale(2).toPlainString()));
    return new SellerPenalties(sellerId, start, end,
        (int) penalties.stream().filter(p -> p.kind() == ComplaintProcess.Penalty.WARNING).count(),
        penalties.stream().mapToInt(ComplaintBook.Penalty::points).sum(), fineText, penalties);
  }

  private static Instant time(String field, String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidRequestException(field, "must be an ISO-8601 date-time such as 2026-11-01T00:00:00+08:00");
    }
  }

  private static void plainText(String field, String text) {
    if (MARKUP.matcher(text).find()) {
      throw new InvalidRequestException(field, "must be plain text, without HTML or script markup");
    }
  }
}
