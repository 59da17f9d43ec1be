package org.aftersales.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of notifications: the sender address; how long a relay holds a notice it claimed before another node may
 * take it (the node stopped while sending); how often the relay sweeps for notices left pending, whether it runs by
 * itself at all ({@code relay-background}: tests switch it off and call {@link NotificationRelay#sendPending()}); the
 * pause before the first retry of a failed send (doubled each time, at most an hour) and the attempts before a
 * notice is FAILED.
 */
@ConfigurationProperties("aftersales.notification")
public record NotificationProperties(@DefaultValue("after-sales@example.com") String from,
    @DefaultValue("PT2M") Duration sendingLease, @DefaultValue("PT30S") Duration relayInterval,
    @DefaultValue("true") boolean relayBackground, @DefaultValue("PT30S") Duration retryBackoff,
    @DefaultValue("5") int maxAttempts) {}
