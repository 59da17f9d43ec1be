package org.aftersales.payment;

import java.time.Duration;
import org.aftersales.system.http.OutboundHttp;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How to reach the payment provider ({@code aftersales.payment.*}). An empty base URL means the provider
 * simulator served by this application.
 */
@ConfigurationProperties("aftersales.payment")
public record PaymentProperties(
    @DefaultValue("") String baseUrl,
    String username,
    String password,
    @DefaultValue("PT2S") Duration connectTimeout,
    @DefaultValue("PT10S") Duration readTimeout,
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("PT0.5S") Duration backoff) {

  OutboundHttp.Settings settings() {
    return new OutboundHttp.Settings(username, password, connectTimeout, readTimeout, maxAttempts, backoff);
  }
}
