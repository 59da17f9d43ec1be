package org.aftersales.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.aftersales.system.web.InvalidRequestException;
import org.aftersales.system.web.RetryLaterException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Finance compares our payments with the provider's book, and sees every recorded discrepancy. */
@RestController
@RequestMapping("/api/finance")
@Tag(name = "Finance", description = "Reconciliation of refunds and charges with the payment provider")
public class ReconciliationController {

  /** The report of a period with the discrepancies recorded in it. */
  public record ReconciliationView(Reconciliation.Report report, List<PaymentDiscrepancies.Discrepancy> discrepancies) {}

  private final Reconciliation reconciliation;
  private final PaymentDiscrepancies discrepancies;
  private final Clock clock;

  public ReconciliationController(Reconciliation reconciliation, PaymentDiscrepancies discrepancies, Clock clock) {
    this.reconciliation = reconciliation;
    this.discrepancies = discrepancies;
    this.clock = clock;
  }

  @GetMapping("/reconciliation")
  @Operation(summary = "Compare our refunds and charges with the provider's book", description = "from (inclusive) "
      + "and to (exclusive) as ISO-8601 date-times; the last 24 hours by default, at most 31 days. Lists every "
      + "difference (paid but not recorded, recorded but not paid, amount differs, paid twice) and the discrepancies "
      + "recorded in the period.")
  public ReconciliationView reconciliation(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    Instant end = to == null ? clock.instant() : time("to", to);
    Instant start = from == null ? end.minus(Duration.ofDays(1)) : time("from", from);
    if (!start.isBefore(end)) {
      throw new InvalidRequestException("from", "must be before to");
    }
    if (Duration.between(start, end).compareTo(Duration.ofDays(31)) > 0) {
      throw new InvalidRequestException("from", "must be at most 31 days before to");
    }
    try {
      return new ReconciliationView(reconciliation.compare(start, end), discrepancies.all(start, end));
    } catch (PaymentProviderUnavailableException e) {
      throw new RetryLaterException("The payment provider's book cannot be read now; try again shortly.");
    }
  }

  @PostMapping("/reconciliation/raise")
  @Operation(summary = "Raise the differences of the last two days for finance now (as the daily run does)")
  public int raise() {
    Instant end = clock.instant();
    return reconciliation.raiseNew(reconciliation.compare(end.minus(Duration.ofDays(2)), end));
  }

  private static Instant time(String field, String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(field, "must be an ISO-8601 date-time with offset, such as 2026-12-01T00:00:00+08:00");
    }
  }
}
