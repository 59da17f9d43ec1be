package org.aftersales.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Events handed in by carriers and payment providers, by the sender's event id, with the effect they had:
 * a repeated event is answered with the first effect and changes nothing.
 */
@Repository
public class InboundEventLog {

  /** What an event did to a case. */
  public enum Effect { APPLIED, ALREADY_APPLIED, DUPLICATE, IGNORED_OUT_OF_ORDER, IGNORED_CASE_CLOSED }

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public InboundEventLog(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<Effect> find(String source, String eventId) {
    return jdbc.query("SELECT effect FROM as_inbound_event WHERE source = ? AND event_id = ?",
        (rs, n) -> Effect.valueOf(rs.getString(1)), source, eventId).stream().findFirst();
  }

  /** Records the event; a concurrent duplicate fails with DuplicateKeyException and rolls back. */
  public void record(String source, String eventId, String subject, Effect effect) {
    jdbc.update("INSERT INTO as_inbound_event (source, event_id, subject, effect, received_at) VALUES (?,?,?,?,?)",
        source, eventId, subject, effect.name(), Timestamp.from(clock.instant()));
  }
}
