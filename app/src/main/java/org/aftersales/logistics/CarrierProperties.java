package org.aftersales.logistics;

import java.time.Duration;
import org.aftersales.system.http.OutboundHttp;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach the carrier ({@code aftersales.carrier.*}; an empty base URL means the carrier simulator
 * served by this application) and the warehouse address returns go to.
 */
@ConfigurationProperties("aftersales.carrier")
public record CarrierProperties(
    @DefaultValue("") String baseUrl,
    String username,
    String password,
    @DefaultValue("PT2S") Duration connectTimeout,
    @DefaultValue("PT10S") Duration readTimeout,
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("PT0.5S") Duration backoff,
    @DefaultValue("15.00") java.math.BigDecimal shipmentCost,
    @DefaultValue Warehouse warehouse) {

  /** The returns warehouse. */
  public record Warehouse(
      @DefaultValue("After-sales returns desk") String name,
      @DefaultValue("+86 21 5555 0100") String phone,
      @DefaultValue("88 Returns Road, Warehouse 3") String line1,
      @DefaultValue("Shanghai") String city,
      @DefaultValue("201100") String postalCode,
      @DefaultValue("CN") String country) {

    public Address address() {
      return new Address(name, phone, line1, city, postalCode, country);
    }
  }

  OutboundHttp.Settings settings() {
    return new OutboundHttp.Settings(username, password, connectTimeout, readTimeout, maxAttempts, backoff);
  }
}
