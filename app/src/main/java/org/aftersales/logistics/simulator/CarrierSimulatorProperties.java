package org.aftersales.logistics.simulator;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The carrier simulator ({@code aftersales.simulators.carrier.*}): whether parcels move by themselves and
 * how fast, where status updates are called back to (empty: this application), which countries it serves, and the
 * carrier party's login ({@code callback-user}/{@code callback-password}) and {@code signing-secret} it calls back with.
 */
@ConfigurationProperties("aftersales.simulators.carrier")
public record CarrierSimulatorProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("true") boolean autoProgress,
    @DefaultValue("PT5S") Duration stepDelay,
    @DefaultValue("") String callbackUrl,
    @DefaultValue("5") int callbackAttempts,
    @DefaultValue("PT1S") Duration callbackBackoff,
    @DefaultValue({"CN", "HK", "DE", "US", "GB"}) List<String> servedCountries,
    @DefaultValue("") String callbackUser,
    @DefaultValue("") String callbackPassword,
    @DefaultValue("") String signingSecret) {}
