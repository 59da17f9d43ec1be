package org.aftersales.repair;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.aftersales.system.web.ConflictException;
import org.aftersales.system.web.InvalidRequestException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Slots at the service point ({@code as_repair_appointment}): one hour each, on the hour, inside opening
 * hours, from now to the booking horizon, at most {@code slot-capacity} products per slot; one per case.
 */
@Repository
public class Appointments {

  private final JdbcTemplate jdbc;
  private final RepairLimits limits;
  private final Clock clock;

  public Appointments(JdbcTemplate jdbc, RepairLimits limits, Clock clock) {
    this.jdbc = jdbc;
    this.limits = limits;
    this.clock = clock;
  }

  public void book(String caseId, OffsetDateTime slotStart) {
    RepairLimitsProperties p = limits.properties();
    ZonedDateTime local = slotStart.atZoneSameInstant(p.zone());
    if (!slotStart.toInstant().isAfter(clock.instant())) {
      throw new InvalidRequestException("slotStart", "is in the past");
    }
    if (slotStart.toInstant().isAfter(clock.instant().plus(p.bookingHorizon()))) {
      throw new InvalidRequestException("slotStart", "is further ahead than slots can be booked (" + p.bookingHorizon() + ")");
    }
    if (local.getMinute() != 0 || local.getSecond() != 0 || local.getNano() != 0
        || local.getHour() < p.openingHour() || local.getHour() >= p.closingHour()) {
      throw new InvalidRequestException("slotStart", "must be on the hour between " + p.openingHour() + ":00 and "
          + (p.closingHour() - 1) + ":00 (" + p.zone() + ")");
    }
    if (jdbc.queryForObject("SELECT COUNT(*) FROM as_repair_appointment WHERE case_id = ?", Integer.class, caseId) > 0) {
      throw new ConflictException("Case " + caseId + " already has an appointment.");
    }
    Timestamp slot = Timestamp.from(slotStart.toInstant());
    if (jdbc.queryForObject("SELECT COUNT(*) FROM as_repair_appointment WHERE slot_start = ?", Integer.class, slot)
        >= p.slotCapacity()) {
      throw new ConflictException("The slot at " + slotStart + " is full; choose another.");
    }
    jdbc.update("INSERT INTO as_repair_appointment (case_id, slot_start, booked_at) VALUES (?,?,?)", caseId, slot,
        Timestamp.from(clock.instant()));
  }
}
