package org.aftersales.payment.simulator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The payment provider simulator ({@code aftersales.simulators.payment.*}): whether refunds settle by
 * themselves and after how long, and where results are called back to: empty means this application's
 * {@code /api/events/payments}, a path starting with {@code /} another address of this application (tests),
 * anything else a full URL. Callbacks are retried {@code callback-attempts} times, {@code callback-backoff}
 * apart and growing, while the receiver fails or answers 5xx. Callbacks are sent as the payment provider party:
 * with {@code callback-user}/{@code callback-password} and signed with {@code signing-secret}.
 */
@ConfigurationProperties("aftersales.simulators.payment")
public record PaymentSimulatorProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("true") boolean autoSettle,
    @DefaultValue("PT2S") Duration settleDelay,
    @DefaultValue("") String callbackUrl,
    @DefaultValue("5") int callbackAttempts,
    @DefaultValue("PT1S") Duration callbackBackoff,
    @DefaultValue("") String callbackUser,
    @DefaultValue("") String callbackPassword,
    @DefaultValue("") String signingSecret) {}
