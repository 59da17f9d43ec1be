package org.aftersales.logistics;

import java.time.OffsetDateTime;
import java.util.Map;
import org.aftersales.system.PersonalData;
import org.aftersales.system.LocalServer;
import org.aftersales.system.http.OutboundHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * {@link CarrierClient} over the carrier's HTTP API: {@code POST /pickups}, {@code POST /shipments} with the
 * booking reference as {@code Idempotency-Key} (retries after a timeout book nothing twice), and
 * {@code POST /watches} for parcels customers send themselves. Bookings are logged with the customer's address
 * masked, and the carrier's error answers, which may quote the request, lose the names, streets and numbers of
 * the addresses before they go into exceptions (and so into logs and incidents).
 */
@Component
@EnableConfigurationProperties(CarrierProperties.class)
public class HttpCarrierClient implements CarrierClient {

  /** The carrier's wire format of a booking. */
  record WireBooking(String bookingId, String trackingNumber, ParcelStatus status, OffsetDateTime windowStart,
      OffsetDateTime windowEnd) {}

  /** The carrier's answer to a watch. */
  record WireWatch(String trackingNumber, ParcelStatus status) {}

  private final CarrierProperties properties;
  private final LocalServer localServer;

  public HttpCarrierClient(CarrierProperties properties, LocalServer localServer) {
    this.properties = properties;
    this.localServer = localServer;
  }

  private static final Logger LOG = LoggerFactory.getLogger(HttpCarrierClient.class);

  @Override
  public CarrierBooking bookPickup(PickupRequest request) {
    CarrierBooking booking = book("/pickups", request.reference(), Map.of("reference", request.reference(),
        "caseId", request.caseId(), "from", request.from(), "to", request.to(), "parcels", request.parcels()),
        request.from(), request.to());
    LOG.info("Pickup {} booked with the carrier: booking {}, tracking number {}, from {}", request.reference(),
        booking.bookingId(), booking.trackingNumber(), masked(request.from()));
    return booking;
  }

  @Override
  public CarrierBooking bookShipment(ShipmentRequest request) {
    CarrierBooking booking = book("/shipments", request.reference(), Map.of("reference", request.reference(),
        "caseId", request.caseId(), "to", request.to(), "lines", request.lines()), request.to());
    LOG.info("Shipment {} booked with the carrier: booking {}, tracking number {}, to {}", request.reference(),
        booking.bookingId(), booking.trackingNumber(), masked(request.to()));
    return booking;
  }

  @Override
  public ParcelStatus watchParcel(String trackingNumber, String caseId) {
    return call("Watch " + trackingNumber, () -> client().post().uri("/watches").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("trackingNumber", trackingNumber, "caseId", caseId)).retrieve().body(WireWatch.class).status());
  }

  private CarrierBooking book(String path, String reference, Map<String, Object> body, Address... parties) {
    WireBooking booking = call("Booking " + reference, () -> client().post().uri(path)
        .header("Idempotency-Key", reference).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
        .body(WireBooking.class), parties);
    return new CarrierBooking(booking.bookingId(), booking.trackingNumber(), booking.status(), booking.windowStart(),
        booking.windowEnd());
  }

  private <T> T call(String what, java.util.function.Supplier<T> call, Address... parties) {
    try {
      return OutboundHttp.withRetries(what, properties.settings(), call,
          e -> new CarrierUnavailableException("Carrier unavailable (" + what + "): " + mask(e.getMessage(), parties), e));
    } catch (RestClientResponseException e) {
      String answer = mask(e.getResponseBodyAsString(), parties);
      if (e.getStatusCode().value() == 409) {
        throw new CarrierConflictException(what + " conflicts with an earlier request: " + answer, e);
      }
      throw new CarrierRejectedException(what + " refused (" + e.getStatusCode() + "): " + answer, e);
    }
  }

  /** The carrier's words without the parties' names, streets, postal codes and phone numbers. */
  private static String mask(String text, Address... parties) {
    String masked = text;
    for (Address party : parties) {
      if (party != null) {
        masked = PersonalData.maskValuesIn(masked, party.name(), party.phone(), party.line1(), party.postalCode());
      }
    }
    return masked;
  }

  private static String masked(Address address) {
    return address == null ? null : PersonalData.maskAddress(address.line1(), address.city(), address.country());
  }

  private RestClient client() {
    return OutboundHttp.client(localServer.resolve(properties.baseUrl(), "/simulators/carrier"), properties.settings());
  }
}
