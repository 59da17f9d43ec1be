package org.aftersales.parties;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The signature check on the carrier's and payment provider's callbacks, right after login and access rules. */
@Configuration
@EnableConfigurationProperties(PartyProperties.class)
class PartyConfiguration {

  @Bean
  FilterRegistrationBean<SignedCallbackFilter> signedCallbackFilter(PartyStore parties, Clock clock,
      PartyProperties properties, ObjectMapper objectMapper,
      @Value("${aftersales.api.max-body-size:64KB}") DataSize maxBodySize) {
    FilterRegistrationBean<SignedCallbackFilter> registration = new FilterRegistrationBean<>(
        new SignedCallbackFilter(parties, clock, properties.replayWindow(), maxBodySize.toBytes(), objectMapper));
    registration.addUrlPatterns("/api/events/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
    return registration;
  }
}
