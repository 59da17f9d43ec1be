package org.aftersales.logistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.logistics.simulator.CarrierSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The carrier client against the carrier simulator over HTTP: idempotent bookings, retries, refusals. */
@AfterSalesIntegrationTest
class HttpCarrierClientTest {

  static final Address CUSTOMER = new Address("Li Wei", "+86 138 0000 5678", "1 Nanjing Road", "Shanghai", "200001", "CN");

  @Autowired CarrierClient carrier;
  @Autowired CarrierSimulator simulator;
  @Autowired CarrierProperties properties;

  @AfterEach
  void noFaults() {
    simulator.resetFaults();
  }

  @Test
  void theSameReferenceBooksOnce() {
    String caseId = "AS-T-" + UUID.randomUUID();
    PickupRequest pickup = new PickupRequest(caseId + "-PICKUP", caseId, CUSTOMER, properties.warehouse().address(), 1);
    CarrierBooking first = carrier.bookPickup(pickup);
    CarrierBooking again = carrier.bookPickup(pickup);
    assertThat(first.trackingNumber()).matches("SF\\d{10}");
    assertThat(first.windowStart()).isBefore(first.windowEnd());
    assertThat(again.bookingId()).isEqualTo(first.bookingId());
    assertThat(simulator.parcels(caseId)).hasSize(1);
    assertThatThrownBy(() -> carrier.bookPickup(new PickupRequest(pickup.reference(), caseId, CUSTOMER,
        properties.warehouse().address(), 2))).isInstanceOf(CarrierConflictException.class);
  }

  @Test
  void passingOutagesAreRetriedAndLastingOnesReported() {
    String caseId = "AS-T-" + UUID.randomUUID();
    simulator.unavailableNext(2);
    CarrierBooking booking = carrier.bookShipment(new ShipmentRequest(caseId + "-REPLACEMENT", caseId, CUSTOMER,
        List.of(new ShipmentRequest.Line("VASE-GLASS-30", "Glass vase", 1))));
    assertThat(booking.status()).isEqualTo(ParcelStatus.BOOKED);
    assertThat(simulator.parcels(caseId)).hasSize(1);

    simulator.unavailableNext(100);
    assertThatThrownBy(() -> carrier.bookShipment(new ShipmentRequest(caseId + "-SEND_BACK", caseId, CUSTOMER,
        List.of(new ShipmentRequest.Line("VASE-GLASS-30", "Glass vase", 1))))).isInstanceOf(CarrierUnavailableException.class);
  }

  @Test
  void addressesTheCarrierDoesNotServeAndUnknownParcelsAreRefused() {
    Address paris = new Address("Anna", null, "1 Rue de Rivoli", "Paris", "75001", "FR");
    assertThatThrownBy(() -> carrier.bookPickup(new PickupRequest("AS-T-FR-PICKUP", "AS-T-FR", paris,
        properties.warehouse().address(), 1))).isInstanceOf(CarrierRejectedException.class);
    assertThatThrownBy(() -> carrier.watchParcel("not a number", "AS-T-X")).isInstanceOf(CarrierRejectedException.class);
    assertThat(carrier.watchParcel("YT9876543210", "AS-T-X")).isEqualTo(ParcelStatus.IN_TRANSIT);
  }
}
