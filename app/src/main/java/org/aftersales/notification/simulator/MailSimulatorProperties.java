package org.aftersales.notification.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the mail simulator listens for SMTP. Port 0 takes any free port; a taken port falls back to a free
 * one. Either way the application's own mail sender follows the port actually used.
 */
@ConfigurationProperties("aftersales.simulators.mail")
public record MailSimulatorProperties(@DefaultValue("false") boolean enabled,
    @DefaultValue("127.0.0.1") String host, @DefaultValue("3025") int port) {}
