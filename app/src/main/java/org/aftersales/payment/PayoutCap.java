package org.aftersales.payment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aftersales.cases.PayoutLimits;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How much more may be paid out on a case, counting everything paid or being paid on the whole order: refunds,
 * complaint compensation, compensation after a follow-up visit and forced refunds, on every case of the same
 * customer and order. Ordinary payouts stay within what was paid for the order and, for the order lines a case
 * names, within the value of those lines (unit price times the quantity ordered) over every case that names one
 * of them. The one exception is 假一赔十: what is paid on a {@code COUNTERFEIT} complaint counts against its own
 * cap (the complaint's rule-table cap, ten times the price), shared by every counterfeit complaint about the same
 * order lines, so it is granted once per line.
 */
@Component
public class PayoutCap implements PayoutLimits {

  /** What may still be paid on a case, and the sentence that explains the figure to a person. */
  public record Room(BigDecimal amount, String why, boolean counterfeit) implements PayoutLimits.Room {

    public boolean allows(BigDecimal more) {
      return more.compareTo(amount) <= 0;
    }
  }

  private record Row(String caseId, BigDecimal paid, boolean counterfeit, BigDecimal cap, BigDecimal out,
      Map<String, BigDecimal> lines, String orderId, String currency) {}

  private static final String COUNTERFEIT = "COUNTERFEIT";

  private final JdbcTemplate jdbc;

  public PayoutCap(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Room on an existing case. */
  public Room room(String caseId) {
    List<Row> order = order("FROM as_case o JOIN as_case c ON c.customer_id = o.customer_id AND c.order_id = o.order_id "
        + ORDER_JOINS + "WHERE o.case_id = ?", caseId);
    Row self = order.stream().filter(r -> r.caseId().equals(caseId)).findFirst()
        .orElseThrow(() -> new EmptyResultDataAccessException("No case " + caseId, 1));
    return room(self, order, self.orderId(), self.currency());
  }

  /** Room for a refund case not opened yet: what the order still allows for these lines. */
  @Override
  public Room roomForNew(String customerId, String orderId, BigDecimal paid, Map<String, BigDecimal> lines,
      String currency) {
    List<Row> order = new ArrayList<>(order("FROM as_case c " + ORDER_JOINS + "WHERE c.customer_id = ? AND c.order_id = ?",
        customerId, orderId));
    Row self = new Row("", paid, false, null, BigDecimal.ZERO, lines, orderId, currency);
    order.add(self);
    return room(self, order, orderId, currency);
  }

  private Room room(Row self, List<Row> order, String orderId, String currency) {
    List<Row> sameLines = order.stream()
        .filter(r -> r.counterfeit() == self.counterfeit() && (r == self || shareALine(r, self))).toList();
    BigDecimal linesOut = sum(sameLines.stream().map(Row::out).toList());
    if (self.counterfeit()) {
      BigDecimal cap = self.cap() == null ? BigDecimal.ZERO : self.cap();
      return new Room(positive(cap.subtract(linesOut)), "counterfeit compensation (假一赔十) for these goods of order "
          + orderId + " is capped at " + text(cap, currency) + " (ten times the price, once per order line), of which "
          + text(linesOut, currency) + " is paid or being paid", true);
    }
    BigDecimal caseLimit = self.cap() != null ? self.cap() : self.paid();
    BigDecimal caseLeft = caseLimit.subtract(self.out());
    BigDecimal orderPaid = order.stream().map(Row::paid).max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
    BigDecimal orderOut = sum(order.stream().filter(r -> !r.counterfeit()).map(Row::out).toList());
    BigDecimal orderLeft = orderPaid.subtract(orderOut);
    Map<String, BigDecimal> lines = new HashMap<>();
    sameLines.forEach(r -> r.lines().forEach((sku, value) -> lines.merge(sku, value, BigDecimal::max)));
    BigDecimal linesLeft = lines.isEmpty() ? orderLeft : sum(lines.values()).subtract(linesOut);
    BigDecimal left = positive(caseLeft.min(orderLeft).min(linesLeft));
    String why;
    if (caseLeft.compareTo(orderLeft.min(linesLeft)) <= 0) {
      why = "this case allows " + text(caseLimit, currency) + " in all, of which " + text(self.out(), currency)
          + " is paid or being paid";
    } else if (orderLeft.compareTo(linesLeft) <= 0) {
      why = "order " + orderId + " was paid " + text(orderPaid, currency) + " and " + text(orderOut, currency)
          + " of it is already paid back or being paid back (refunds and compensation over all its cases)";
    } else {
      why = "the goods of this case (order " + orderId + ", " + String.join(", ", lines.keySet().stream().sorted().toList())
          + ") are worth " + text(sum(lines.values()), currency) + " and " + text(linesOut, currency)
          + " of it is already paid back or being paid back (refunds and compensation over all cases about them)";
    }
    return new Room(left, why, false);
  }

  /** The cases of an order with what they paid out, their complaint's cap and their order lines (one row per line). */
  private static final String ORDER_COLUMNS = "SELECT c.case_id, c.paid_amount, k.category, k.compensation_cap, "
      + "(SELECT COALESCE(SUM(r.amount), 0) FROM as_refund r WHERE r.case_id = c.case_id "
      + "AND r.status IN ('PENDING', 'SUCCEEDED')) AS paid_out, c.order_id, c.currency, i.sku, i.unit_price, "
      + "i.ordered_quantity ";
  private static final String ORDER_JOINS = "LEFT JOIN as_complaint k ON k.case_id = c.case_id "
      + "LEFT JOIN as_case_item i ON i.case_id = c.case_id ";

  /**
   * Every case of one customer's order, read in one statement (issue 21: it was three for a case, two for a new one);
   * {@code from} names the cases as {@code c}.
   */
  private List<Row> order(String from, Object... args) {
    Map<String, Row> cases = new java.util.LinkedHashMap<>();
    Map<String, Map<String, BigDecimal>> lines = new HashMap<>();
    jdbc.query(ORDER_COLUMNS + from, rs -> {
      String caseId = rs.getString("case_id");
      if (!cases.containsKey(caseId)) {
        String category = rs.getString("category");
        cases.put(caseId, new Row(caseId, rs.getBigDecimal("paid_amount"), COUNTERFEIT.equals(category),
            category == null ? null : orZero(rs.getBigDecimal("compensation_cap")), rs.getBigDecimal("paid_out"),
            lines.computeIfAbsent(caseId, k -> new HashMap<>()), rs.getString("order_id"), rs.getString("currency")));
      }
      String sku = rs.getString("sku");
      if (sku != null) {
        BigDecimal value = rs.getBigDecimal("unit_price").multiply(BigDecimal.valueOf(rs.getInt("ordered_quantity")));
        lines.get(caseId).merge(sku, value, BigDecimal::max);
      }
    }, args);
    return List.copyOf(cases.values());
  }

  private static boolean shareALine(Row a, Row b) {
    Set<String> common = new HashSet<>(a.lines().keySet());
    common.retainAll(b.lines().keySet());
    return !common.isEmpty();
  }

  private static BigDecimal sum(Collection<BigDecimal> amounts) {
    return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal orZero(BigDecimal amount) {
    return amount == null ? BigDecimal.ZERO : amount;
  }

  private static BigDecimal positive(BigDecimal amount) {
    return amount.max(BigDecimal.ZERO).setScale(2, java.math.RoundingMode.HALF_UP);
  }

  private static String text(BigDecimal amount, String currency) {
    return amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " " + currency;
  }
}
