package org.aftersales.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.aftersales.payment.HttpRefundGateway.BookEntry;
import org.aftersales.payment.PaymentDiscrepancies.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Compares our refund and charge ledgers ({@code as_refund}, {@code as_charge}) with the payment provider's book for a
 * period and lists every difference: paid (or collected) but not recorded, recorded but not paid, a different amount,
 * and a case the provider paid more than once where we recorded less. Finance reads it at
 * {@code GET /api/finance/reconciliation}; a daily run raises each new difference for finance
 * ({@link PaymentDiscrepancies}: an incident in Cockpit, or a finance task in Tasklist).
 */
@Service
public class Reconciliation {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

  /** What kind of difference. */
  public enum Difference { PAID_NOT_RECORDED, RECORDED_NOT_PAID, AMOUNT_DIFFERS, PAID_TWICE }

  /** One difference: the refund or charge (or, for PAID_TWICE, the case), what we say and what the provider says. */
  public record Line(Difference difference, String kind, String id, String caseId, String ours, String providers,
      String detail) {}

  /** The comparison of a period. */
  public record Report(Instant from, Instant to, int refundsCompared, int chargesCompared, List<Line> differences) {}

  private final RefundLedger refunds;
  private final ChargeLedger charges;
  private final HttpRefundGateway provider;
  private final PaymentDiscrepancies discrepancies;
  private final Clock clock;

  public Reconciliation(RefundLedger refunds, ChargeLedger charges, HttpRefundGateway provider,
      PaymentDiscrepancies discrepancies, Clock clock) {
    this.refunds = refunds;
    this.charges = charges;
    this.provider = provider;
    this.discrepancies = discrepancies;
    this.clock = clock;
  }

  public Report compare(Instant from, Instant to) {
    List<Line> lines = new ArrayList<>();
    int refundCount = compare("refund", refunds, provider.refundBook(), from, to, lines);
    int chargeCount = compare("charge", charges, provider.chargeBook(), from, to, lines);
    return new Report(from, to, refundCount, chargeCount, lines);
  }

  private int compare(String kind, PaymentBook ledger, List<BookEntry> book, Instant from, Instant to, List<Line> lines) {
    Map<String, PaymentBook.Entry> ours = ledger.requestedBetween(from, to).stream()
        .collect(Collectors.toMap(PaymentBook.Entry::id, Function.identity()));
    // the provider's lines of the period: those we asked for in it, and those we never asked for made in it
    List<BookEntry> theirs = book.stream().filter(b -> ours.containsKey(b.id()) || (ledger.find(b.id()).isEmpty()
        && b.createdAt() != null && !b.createdAt().toInstant().isBefore(from) && b.createdAt().toInstant().isBefore(to)))
        .toList();
    Map<String, BookEntry> byId = theirs.stream().collect(Collectors.toMap(BookEntry::id, Function.identity()));
    Set<String> ids = new java.util.TreeSet<>(ours.keySet());
    ids.addAll(byId.keySet());
    Map<String, BigDecimal[]> perCase = new HashMap<>();
    for (String id : ids) {
      PaymentBook.Entry our = ours.get(id);
      BookEntry their = byId.get(id);
      boolean weSayPaid = our != null && our.status() == PaymentStatus.SUCCEEDED;
      boolean theySayPaid = their != null && their.status() == PaymentStatus.SUCCEEDED;
      String oursText = our == null ? "not recorded" : our.status() + " " + our.amount().toPlainString() + " " + our.currency();
      String theirsText = their == null ? "not in the book"
          : their.status() + " " + their.amount().toPlainString() + " " + their.currency();
      String caseId = our != null ? our.caseId() : their.caseId();
      if (theySayPaid && !weSayPaid) {
        lines.add(new Line(Difference.PAID_NOT_RECORDED, kind, id, caseId, oursText, theirsText,
            "The provider " + (kind.equals("refund") ? "paid" : "collected") + " " + id + "; our ledger says " + oursText + "."));
      } else if (weSayPaid && !theySayPaid) {
        lines.add(new Line(Difference.RECORDED_NOT_PAID, kind, id, caseId, oursText, theirsText,
            "Our ledger says " + id + " was paid; the provider's book says " + theirsText + "."));
      } else if (weSayPaid && our.amount().compareTo(their.amount()) != 0) {
        lines.add(new Line(Difference.AMOUNT_DIFFERS, kind, id, caseId, oursText, theirsText,
            "Amounts differ for " + id + "."));
      }
      BigDecimal[] sums = perCase.computeIfAbsent(caseId, c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
      if (weSayPaid) {
        sums[0] = sums[0].add(our.amount());
      }
      if (theySayPaid) {
        sums[1] = sums[1].add(their.amount());
        sums[2] = sums[2].add(BigDecimal.ONE);
      }
    }
    perCase.forEach((caseId, sums) -> {
      if (sums[2].intValue() > 1 && sums[1].compareTo(sums[0]) > 0) {
        lines.add(new Line(Difference.PAID_TWICE, kind, caseId, caseId, sums[0].toPlainString(), sums[1].toPlainString(),
            "The provider made " + sums[2].intValue() + " successful " + kind + "s for case " + caseId + " totalling "
                + sums[1].toPlainString() + "; our ledger records " + sums[0].toPlainString() + "."));
      }
    });
    return ids.size();
  }

  /** Every day: the last two days compared, and each difference not raised before raised for finance. */
  @Scheduled(cron = "${aftersales.payment.reconciliation.cron:0 30 2 * * *}",
      zone = "${aftersales.business.zone:Asia/Shanghai}")
  public void daily() {
    Instant to = clock.instant();
    try {
      raiseNew(compare(to.minus(Duration.ofDays(2)), to));
    } catch (RuntimeException e) {
      LOG.warn("Reconciliation with the payment provider did not run: {}", e.getMessage());
    }
  }

  /** Raises each difference of the report that has not been raised before; returns how many were new. */
  public int raiseNew(Report report) {
    int raised = 0;
    for (Line line : report.differences()) {
      boolean known = discrepancies.ofPayment(line.id()).stream()
          .anyMatch(d -> d.kind() == Kind.RECONCILIATION_DIFFERENCE && d.detail().startsWith(line.difference().name()));
      if (!known) {
        discrepancies.raise(Kind.RECONCILIATION_DIFFERENCE, line.id(), line.caseId(), null, null,
            line.difference() + ": " + line.detail());
        raised++;
      }
    }
    return raised;
  }
}
