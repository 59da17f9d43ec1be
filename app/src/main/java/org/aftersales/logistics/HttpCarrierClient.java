package org.aftersales.logistics;

import java.time.OffsetDateTime;
import java.util.Map;
import org.aftersales.system.LocalServer;
import org.aftersales.system.http.OutboundHttp;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * {@link CarrierClient} over the carrier's HTTP API: {@code POST /pickups}, {@code POST /shipments} with the
 * booking reference as {@code Idempotency-Key} (retries after a timeout book nothing twice), and
 * {@code POST /watches} for parcels customers send themselves.
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

  @Override
  public CarrierBooking bookPickup(PickupRequest request) {
    return book("/pickups", request.reference(), Map.of("reference", request.reference(), "caseId", request.caseId(),
        "from", request.from(), "to", request.to(), "parcels", request.parcels()));
  }

  @Override
  public CarrierBooking bookShipment(ShipmentRequest request) {
    return book("/shipments", request.reference(), Map.of("reference", request.reference(),
        "caseId", request.caseId(), "to", request.to(), "lines", request.lines()));
  }

  @Override
  public ParcelStatus watchParcel(String trackingNumber, String caseId) {
    return call("Watch " + trackingNumber, () -> client().post().uri("/watches").contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("trackingNumber", trackingNumber, "caseId", caseId)).retrieve().body(WireWatch.class).status());
  }

  private CarrierBooking book(String path, String reference, Map<String, Object> body) {
    WireBooking booking = call("Booking " + reference, () -> client().post().uri(path)
        .header("Idempotency-Key", reference).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
        .body(WireBooking.class));
    return new CarrierBooking(booking.bookingId(), booking.trackingNumber(), booking.status(), booking.windowStart(),
        booking.windowEnd());
  }

  private <T> T call(String what, java.util.function.Supplier<T> call) {
    try {
      return OutboundHttp.withRetries(what, properties.settings(), call,
          e -> new CarrierUnavailableException("Carrier unavailable (" + what + "): " + e.getMessage(), e));
    } catch (RestClientResponseException e) {
      if (e.getStatusCode().value() == 409) {
        throw new CarrierConflictException(what + " conflicts with an earlier request: " + e.getResponseBodyAsString(), e);
      }
      throw new CarrierRejectedException(what + " refused (" + e.getStatusCode() + "): " + e.getResponseBodyAsString(), e);
    }
  }

  private RestClient client() {
    return OutboundHttp.client(localServer.resolve(properties.baseUrl(), "/simulators/carrier"), properties.settings());
  }
}
