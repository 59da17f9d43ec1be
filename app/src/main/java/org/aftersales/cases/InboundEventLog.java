package org.aftersales.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
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

  /**
   * Claims an event before it is applied, in the transaction that applies it: empty the first time (the event is
   * recorded as {@link Effect#APPLIED}, {@link #settle} records another effect), else the effect it had the first
   * time. One statement for a new event, instead of a look-up and then the record (issue 21). The same event handed
   * in twice at once: the second waits until the first is done, then gets its effect (or, if the first failed and
   * left nothing, is applied itself).
   */
  public Optional<Effect> claim(String source, String eventId, String subject) {
    try {
      jdbc.update("INSERT INTO as_inbound_event (source, event_id, subject, effect, received_at) VALUES (?,?,?,?,?)",
          source, eventId, subject, Effect.APPLIED.name(), Timestamp.from(clock.instant()));
      return Optional.empty();
    } catch (DuplicateKeyException before) {
      return Optional.of(find(source, eventId).orElseThrow(() -> before));
    }
  }

  /** Records the effect of an event claimed in this transaction, if it was not {@link Effect#APPLIED}. */
  public void settle(String source, String eventId, Effect effect) {
    if (effect != Effect.APPLIED) {
      jdbc.update("UPDATE as_inbound_event SET effect = ? WHERE source = ? AND event_id = ?", effect.name(), source,
          eventId);
    }
  }
}
