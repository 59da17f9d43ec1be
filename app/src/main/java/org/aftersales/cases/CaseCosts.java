package org.aftersales.cases;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What a case costs ({@code as_case_cost}): parts, labour, logistics and fees, each charged to the customer
 * or borne by us, so that managers see the cost of after-sales work per case and in total.
 */
@Repository
public class CaseCosts {

  /** Kinds of cost, as managers group them. */
  public enum Category { PARTS, LABOUR, LOGISTICS, DIAGNOSIS }

  /** Who pays. */
  public enum BorneBy { CUSTOMER, US }

  /** One recorded cost. */
  public record Cost(Instant recordedAt, Category category, String description, BigDecimal amount, String currency,
      BorneBy borneBy) {}

  /** Sums per category and payer, over cases of one type. */
  public record Total(Category category, BorneBy borneBy, String currency, BigDecimal amount, long cases) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public CaseCosts(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void record(String caseId, Category category, String description, BigDecimal amount, String currency,
      BorneBy borneBy) {
    jdbc.update("INSERT INTO as_case_cost (case_id, category, description, amount, currency, borne_by, recorded_at) "
        + "VALUES (?,?,?,?,?,?,?)", caseId, category.name(), description.length() > 300 ? description.substring(0, 300)
        : description, amount, currency, borneBy.name(), Timestamp.from(clock.instant()));
  }

  public List<Cost> forCase(String caseId) {
    return jdbc.query("SELECT recorded_at, category, description, amount, currency, borne_by FROM as_case_cost "
        + "WHERE case_id = ? ORDER BY cost_id", (rs, n) -> new Cost(rs.getTimestamp(1).toInstant(),
        Category.valueOf(rs.getString(2)), rs.getString(3), rs.getBigDecimal(4), rs.getString(5),
        BorneBy.valueOf(rs.getString(6))), caseId);
  }

  public List<Total> totals(CaseType type) {
    return jdbc.query("SELECT c.category, c.borne_by, c.currency, SUM(c.amount), COUNT(DISTINCT c.case_id) "
        + "FROM as_case_cost c JOIN as_case k ON k.case_id = c.case_id WHERE k.case_type = ? "
        + "GROUP BY c.category, c.borne_by, c.currency ORDER BY c.category, c.borne_by",
        (rs, n) -> new Total(Category.valueOf(rs.getString(1)), BorneBy.valueOf(rs.getString(2)), rs.getString(3),
            rs.getBigDecimal(4), rs.getLong(5)), type.name());
  }
}
