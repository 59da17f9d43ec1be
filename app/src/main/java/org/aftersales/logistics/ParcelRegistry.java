package org.aftersales.logistics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.aftersales.system.web.ConflictException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The parcels of each case ({@code as_parcel}): goods coming back and goods we send, by tracking number. */
@Repository
public class ParcelRegistry {

  /** Which way a parcel travels. */
  public enum Direction { RETURN, OUTBOUND }

  /**
   * A parcel as recorded, with the carrier party it was booked with and, for a booked pickup, the window the carrier
   * gave (ISO-8601 with the carrier's offset; null otherwise).
   */
  public record Parcel(String trackingNumber, String caseId, String bookingId, Direction direction, ParcelStatus status,
      String carrierParty, String windowStart, String windowEnd) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final String carrierParty;

  /**
   * {@code carrierParty}: the party id of the carrier our bookings go to ({@code aftersales.carrier.party}); parcels
   * recorded before carriers were told apart belong to it.
   */
  public ParcelRegistry(JdbcTemplate jdbc, Clock clock,
      @Value("${aftersales.carrier.party:carrier}") String carrierParty) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.carrierParty = carrierParty;
  }

  /** Records a parcel of a case; recording it again for the same case changes nothing. */
  public void register(String trackingNumber, String caseId, String bookingId, Direction direction, ParcelStatus status) {
    register(trackingNumber, caseId, bookingId, direction, status, null, null);
  }

  /**
   * Records a parcel of a case with the pickup window the carrier gave; recording it again for the same case changes
   * nothing. One statement for a new parcel: the tracking number is the key, so a parcel recorded already shows as
   * a duplicate key and is only then looked at.
   */
  public void register(String trackingNumber, String caseId, String bookingId, Direction direction, ParcelStatus status,
      OffsetDateTime windowStart, OffsetDateTime windowEnd) {
    try {
      jdbc.update("INSERT INTO as_parcel (tracking_number, case_id, booking_id, direction, status, updated_at, "
          + "carrier_party, window_start, window_end) VALUES (?,?,?,?,?,?,?,?,?)", trackingNumber, caseId, bookingId,
          direction.name(), status.name(), Timestamp.from(clock.instant()), carrierParty,
          windowStart == null ? null : windowStart.toString(), windowEnd == null ? null : windowEnd.toString());
    } catch (DuplicateKeyException e) {
      Parcel existing = find(trackingNumber).orElseThrow(() -> e);
      if (!existing.caseId().equals(caseId)) {
        throw new ConflictException("Tracking number " + trackingNumber + " belongs to another case.");
      }
    }
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
    return jdbc.query("SELECT tracking_number, case_id, booking_id, direction, status, carrier_party, window_start, "
        + "window_end FROM as_parcel " + where, (rs, n) -> new Parcel(rs.getString(1), rs.getString(2), rs.getString(3),
            Direction.valueOf(rs.getString(4)), ParcelStatus.valueOf(rs.getString(5)),
            rs.getString(6) == null ? carrierParty : rs.getString(6), rs.getString(7), rs.getString(8)), args);
  }
}
