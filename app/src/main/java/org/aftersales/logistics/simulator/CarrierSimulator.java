package org.aftersales.logistics.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.aftersales.logistics.Address;
import org.aftersales.logistics.ParcelStatus;
import org.aftersales.system.LocalServer;
import org.aftersales.system.http.InjectedFaults;
import org.aftersales.system.http.CallbackSender;
import org.aftersales.system.http.OutboundHttp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * A stand-in for a carrier, served under {@code /simulators/carrier}: books pickups and shipments (one per
 * idempotency key), tracks parcels, moves them along by itself and calls back on every change, and can
 * be told to fail. Parcels live in memory and are lost on restart. Replace it with a real carrier by
 * setting {@code aftersales.carrier.base-url}.
 */
@Component
@ConditionalOnProperty(name = "aftersales.simulators.carrier.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(CarrierSimulatorProperties.class)
public class CarrierSimulator implements AutoCloseable {

  /** A parcel as the carrier knows it. */
  public record SimulatedParcel(String trackingNumber, String bookingId, String reference, String caseId,
      String requestHash, ParcelStatus status, OffsetDateTime windowStart, OffsetDateTime windowEnd,
      List<Step> history) {}

  /** One status change. */
  public record Step(ParcelStatus status, OffsetDateTime occurredAt) {}

  /** A status callback as sent. */
  public record Callback(String eventId, String trackingNumber, String bookingId, String caseId, ParcelStatus status,
      OffsetDateTime occurredAt) {}

  private static final List<ParcelStatus> PATH = List.of(ParcelStatus.BOOKED, ParcelStatus.PICKED_UP,
      ParcelStatus.IN_TRANSIT, ParcelStatus.DELIVERED);

  private final Map<String, SimulatedParcel> byTracking = new LinkedHashMap<>();
  private final Map<String, String> byReference = new LinkedHashMap<>();
  private final Map<String, Callback> lastCallbacks = new LinkedHashMap<>();
  private final AtomicInteger unavailable = new AtomicInteger();
  private final InjectedFaults faults = new InjectedFaults();
  private final AtomicInteger rejecting = new AtomicInteger();
  private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() % 10_000_000_000L);
  private final CarrierSimulatorProperties properties;
  private final LocalServer localServer;
  private final CallbackSender callbacks;
  private final Clock clock;

  public CarrierSimulator(CarrierSimulatorProperties properties, LocalServer localServer, Clock clock,
      @Value("${aftersales.integration.user}") String user, @Value("${aftersales.integration.password}") String password) {
    // calls back as the party it stands in for (its own login and signing secret); the integration login only
    // where no callback login is configured
    this.properties = properties;
    this.localServer = localServer;
    this.clock = clock;
    boolean ownLogin = properties.callbackUser() != null && !properties.callbackUser().isBlank();
    this.callbacks = new CallbackSender("carrier-simulator", new OutboundHttp.Settings(ownLogin ? properties.callbackUser() : user,
        ownLogin ? properties.callbackPassword() : password, Duration.ofSeconds(2), Duration.ofSeconds(10), 1,
        properties.callbackBackoff()), properties.callbackAttempts(), properties.signingSecret(), clock);
  }

  /** Books a pickup or shipment; the same reference with the same content answers the same booking. */
  public synchronized Booked book(String reference, String caseId, Address to, String requestHash, boolean pickup) {
    if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Simulated outage");
    }
    if (rejecting.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || !properties.servedCountries().contains(to.country())) {
      throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "No service to " + to.city() + ", " + to.country());
    }
    String known = byReference.get(reference);
    if (known != null) {
      SimulatedParcel parcel = byTracking.get(known);
      if (!parcel.requestHash().equals(requestHash)) {
        throw new ResponseStatusException(HttpStatus.CONFLICT, "Reference " + reference + " was booked with other content");
      }
      return new Booked(parcel, false);
    }
    OffsetDateTime now = now();
    String trackingNumber = "SF" + String.format("%010d", sequence.incrementAndGet() % 10_000_000_000L);
    SimulatedParcel parcel = new SimulatedParcel(trackingNumber, "BK-" + UUID.randomUUID(), reference, caseId,
        requestHash, ParcelStatus.BOOKED, pickup ? now.plusHours(2) : now.plusDays(1),
        pickup ? now.plusHours(6) : now.plusDays(3), List.of(new Step(ParcelStatus.BOOKED, now)));
    byTracking.put(trackingNumber, parcel);
    byReference.put(reference, trackingNumber);
    scheduleNextStep(trackingNumber);
    return new Booked(parcel, true);
  }

  /** A booking and whether this call created it. */
  public record Booked(SimulatedParcel parcel, boolean created) {}

  /** Starts following a parcel a customer handed in themselves. */
  public synchronized SimulatedParcel watch(String trackingNumber, String caseId) {
    if (!trackingNumber.matches("[A-Z0-9]{8,30}")) {
      throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown tracking number " + trackingNumber);
    }
    SimulatedParcel parcel = byTracking.get(trackingNumber);
    if (parcel == null) {
      parcel = new SimulatedParcel(trackingNumber, null, null, caseId, "", ParcelStatus.IN_TRANSIT, null, null,
          List.of(new Step(ParcelStatus.IN_TRANSIT, now())));
      byTracking.put(trackingNumber, parcel);
      scheduleNextStep(trackingNumber);
    }
    return parcel;
  }

  public synchronized SimulatedParcel parcel(String trackingNumber) {
    SimulatedParcel parcel = byTracking.get(trackingNumber);
    if (parcel == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No parcel " + trackingNumber);
    }
    return parcel;
  }

  public synchronized List<SimulatedParcel> parcels(String caseId) {
    return byTracking.values().stream().filter(p -> caseId == null || caseId.equals(p.caseId())).toList();
  }

  /** Moves a parcel to {@code status} now and calls back. */
  public synchronized SimulatedParcel advance(String trackingNumber, ParcelStatus status) {
    SimulatedParcel parcel = parcel(trackingNumber);
    if (parcel.status() == ParcelStatus.DELIVERED || parcel.status() == ParcelStatus.LOST
        || parcel.status() == ParcelStatus.RETURNED_TO_SENDER) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "Parcel " + trackingNumber + " is already " + parcel.status());
    }
    List<Step> history = new ArrayList<>(parcel.history());
    OffsetDateTime now = now();
    history.add(new Step(status, now));
    SimulatedParcel moved = new SimulatedParcel(parcel.trackingNumber(), parcel.bookingId(), parcel.reference(),
        parcel.caseId(), parcel.requestHash(), status, parcel.windowStart(), parcel.windowEnd(), List.copyOf(history));
    byTracking.put(trackingNumber, moved);
    Callback callback = new Callback(UUID.randomUUID().toString(), trackingNumber, moved.bookingId(), moved.caseId(),
        status, now);
    lastCallbacks.put(trackingNumber, callback);
    callbacks.send(callbackUrl(), callback);
    scheduleNextStep(trackingNumber);
    return moved;
  }

  /** Sends the last callback of a parcel again, with the same event id. */
  public synchronized Callback resendLastCallback(String trackingNumber) {
    Callback callback = lastCallbacks.get(trackingNumber);
    if (callback == null) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, "Parcel " + trackingNumber + " has sent no update yet");
    }
    callbacks.send(callbackUrl(), callback);
    return callback;
  }

  public void unavailableNext(int requests) {
    unavailable.set(requests);
  }

  public void rejectNext(int requests) {
    rejecting.set(requests);
  }

  /** Faults on the requests that change something (500s, slow and lost answers), applied by the controller. */
  public InjectedFaults faults() {
    return faults;
  }

  public void resetFaults() {
    unavailable.set(0);
    rejecting.set(0);
    faults.reset();
  }

  private void scheduleNextStep(String trackingNumber) {
    if (!properties.autoProgress()) {
      return;
    }
    callbacks.schedule(() -> {
      synchronized (this) {
        SimulatedParcel parcel = byTracking.get(trackingNumber);
        int index = parcel == null ? -1 : PATH.indexOf(parcel.status());
        if (index >= 0 && index < PATH.size() - 1) {
          advance(trackingNumber, PATH.get(index + 1));
        }
      }
    }, properties.stepDelay());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private String callbackUrl() {
    return properties.callbackUrl().isBlank() ? localServer.baseUrl() + "/api/events/parcels" : properties.callbackUrl();
  }

  @Override
  public void close() {
    callbacks.close();
  }
}
