package org.aftersales.cases;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aftersales.system.ByIds;
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
    return forCases(List.of(caseId)).getOrDefault(caseId, List.of());
  }

  /** The costs of each of the cases that has any, in the order they were recorded. */
  public Map<String, List<Cost>> forCases(Collection<String> caseIds) {
    Map<String, List<Cost>> costs = new HashMap<>();
    ByIds.query(jdbc, "SELECT case_id, recorded_at, category, description, amount, currency, borne_by FROM as_case_cost "
        + "WHERE case_id IN " + ByIds.IDS + " ORDER BY cost_id", caseIds, (rs, n) -> Map.entry(rs.getString(1),
        new Cost(rs.getTimestamp(2).toInstant(), Category.valueOf(rs.getString(3)), rs.getString(4), rs.getBigDecimal(5),
            rs.getString(6), BorneBy.valueOf(rs.getString(7)))))
        .forEach(e -> costs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return costs;
  }

  public List<Total> totals(CaseType type) {
    return jdbc.query("SELECT c.category, c.borne_by, c.currency, SUM(c.amount), COUNT(DISTINCT c.case_id) "
        + "FROM as_case_cost c JOIN as_case k ON k.case_id = c.case_id WHERE k.case_type = ? "
        + "GROUP BY c.category, c.borne_by, c.currency ORDER BY c.category, c.borne_by",
        (rs, n) -> new Total(Category.valueOf(rs.getString(1)), BorneBy.valueOf(rs.getString(2)), rs.getString(3),
            rs.getBigDecimal(4), rs.getLong(5)), type.name());
  }
}
