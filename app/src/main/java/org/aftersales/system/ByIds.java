package org.aftersales.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** Reads rows for many ids with {@code IN (...)} in chunks, so no statement grows past what databases take. */
public final class ByIds {

  static final int CHUNK = 500;
  /** Where the statement has its list of ids. */
  public static final String IDS = "(:ids)";

  private ByIds() {}

  /** Runs {@code sql}, whose {@link #IDS} stands for the ids, once per chunk of ids, and joins the rows. */
  public static <T> List<T> query(JdbcTemplate jdbc, String sql, Collection<String> ids, RowMapper<T> rows) {
    List<String> all = List.copyOf(ids);
    List<T> found = new ArrayList<>();
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      String placeholders = "(" + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
      found.addAll(jdbc.query(sql.replace(IDS, placeholders), rows, chunk.toArray()));
    }
    return found;
  }
}
