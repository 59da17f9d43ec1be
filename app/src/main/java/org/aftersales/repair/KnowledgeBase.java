package org.aftersales.repair;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Self-repair articles ({@code as_kb_article}) that agents keep up to date; the repair flow sends them to
 * customers as {@code ${knowledgeBase.title(selfRepairArticle)}} and {@code ${knowledgeBase.body(...)}}.
 */
@Component("knowledgeBase")
public class KnowledgeBase {

  /** An article. */
  public record Article(String key, String title, String body, String updatedBy, Instant updatedAt) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public KnowledgeBase(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public List<Article> all() {
    return jdbc.query("SELECT article_key, title, body, updated_by, updated_at FROM as_kb_article ORDER BY article_key",
        (rs, n) -> new Article(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant()));
  }

  public Optional<Article> find(String key) {
    return all().stream().filter(a -> a.key().equals(key)).findFirst();
  }

  /** Creates or replaces an article. */
  public Article save(String key, String title, String body, String user) {
    Timestamp now = Timestamp.from(clock.instant());
    if (jdbc.update("UPDATE as_kb_article SET title = ?, body = ?, updated_by = ?, updated_at = ? WHERE article_key = ?",
        title, body, user, now, key) == 0) {
      jdbc.update("INSERT INTO as_kb_article (article_key, title, body, updated_by, updated_at) VALUES (?,?,?,?,?)",
          key, title, body, user, now);
    }
    return find(key).orElseThrow();
  }

  public String title(String key) {
    return article(key).title();
  }

  public String body(String key) {
    return article(key).body();
  }

  private Article article(String key) {
    return find(key).orElseThrow(() -> new IllegalStateException("The rule table names article '" + key
        + "', which the knowledge base does not have"));
  }
}
