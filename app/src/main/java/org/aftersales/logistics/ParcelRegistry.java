package org.aftersales.logistics;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.aftersales.system.web.ConflictException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The parcels of each case ({@code as_parcel}): goods coming back and goods we send, by tracking number. */
@Repository
public class ParcelRegistry {

  /** Which way a parcel travels. */
  public enum Direction { RETURN, OUTBOUND }

  /** A parcel as recorded. */
  public record Parcel(String trackingNumber, String caseId, String bookingId, Direction direction, ParcelStatus status) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public ParcelRegistry(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records a parcel of a case; recording it again for the same case changes nothing. */
  public void register(String trackingNumber, String caseId, String bookingId, Direction direction, ParcelStatus status) {
    Optional<Parcel> existing = find(trackingNumber);
    if (existing.isPresent()) {
      if (!existing.get().caseId().equals(caseId)) {
        throw new ConflictException("Tracking number " + trackingNumber + " belongs to another case.");
      }
      return;
    }
    jdbc.update("INSERT INTO as_parcel (tracking_number, case_id, booking_id, direction, status, updated_at) "
        + "VALUES (?,?,?,?,?,?)", trackingNumber, caseId, bookingId, direction.name(), status.name(),
        Timestamp.from(clock.instant()));
  }

  public Optional<Parcel> find(String trackingNumber) {
    return query("WHERE tracking_number = ?", trackingNumber).stream().findFirst();
  }

  /** The parcel, locked until the transaction ends. */
  public Optional<Parcel> lock(String trackingNumber) {
    return query("WHERE tracking_number = ? FOR UPDATE", trackingNumber).stream().findFirst();
  }

  public List<Parcel> forCase(String caseId) {
    return query("WHERE case_id = ? ORDER BY updated_at", caseId);
  }

  public void updateStatus(String trackingNumber, ParcelStatus status) {
    jdbc.update("UPDATE as_parcel SET status = ?, updated_at = ? WHERE tracking_number = ?", status.name(),
        Timestamp.from(clock.instant()), trackingNumber);
  }

  private List<Parcel> query(String where, Object... args) {
    return jdbc.query("SELECT tracking_number, case_id, booking_id, direction, status FROM as_parcel " + where,
        (rs, n) -> new Parcel(rs.getString(1), rs.getString(2), rs.getString(3), Direction.valueOf(rs.getString(4)),
            ParcelStatus.valueOf(rs.getString(5))), args);
  }
}
