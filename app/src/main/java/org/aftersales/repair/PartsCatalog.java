package org.aftersales.repair;

import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The genuine spare parts a repair may use ({@code as_part}), with their cost and serial or batch number format. */
@Repository
public class PartsCatalog {

  /** A genuine part. */
  public record Part(String partNo, String name, String productCategory, BigDecimal unitCost, String currency,
      String serialPattern) {}

  private final JdbcTemplate jdbc;

  public PartsCatalog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Part> find(String partNo) {
    return jdbc.query("SELECT part_no, name, product_category, unit_cost, currency, serial_pattern FROM as_part "
        + "WHERE part_no = ?", (rs, n) -> new Part(rs.getString(1), rs.getString(2), rs.getString(3),
        rs.getBigDecimal(4), rs.getString(5), rs.getString(6)), partNo).stream().findFirst();
  }
}
