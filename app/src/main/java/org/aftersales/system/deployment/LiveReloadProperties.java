package org.aftersales.system.deployment;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live reload of models and forms for designers ({@code aftersales.deployment.live-reload.*}, see
 * {@link ModelLiveReload}).
 *
 * @param enabled      on only in profile {@code dev}, the default profile of {@code mvn -f app spring-boot:run}
 * @param folders      the designers' folders, absolute or relative to the working directory (the top of the
 *                     repository under {@code spring-boot:run}); each must be named {@code processes} or
 *                     {@code forms}, whose files it replaces in the deployment
 * @param pollInterval how often the folders are looked at
 * @param quietPeriod  how long nothing in them may change before the changes are deployed (Modeler writes a
 *                     file in several steps, a {@code git checkout} many files)
 */
@ConfigurationProperties("aftersales.deployment.live-reload")
public record LiveReloadProperties(
    boolean enabled,
    @DefaultValue({"processes", "forms"}) List<String> folders,
    @DefaultValue("PT0.5S") Duration pollInterval,
    @DefaultValue("PT1S") Duration quietPeriod) {}
