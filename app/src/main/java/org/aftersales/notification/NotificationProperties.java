package org.aftersales.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of customer notifications: the sender address, and how long a send that started but never
 * finished (the application stopped in between) blocks its id before another attempt may send it.
 */
@ConfigurationProperties("aftersales.notification")
public record NotificationProperties(@DefaultValue("after-sales@example.com") String from,
    @DefaultValue("PT2M") Duration sendingLease) {}
