package org.aftersales.parties;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outside parties ({@code aftersales.parties.*}): how far a signed callback's timestamp may be from now
 * ({@code replay-window}), and a JSON file of parties created at start-up when missing ({@code import-file}, for a
 * first set-up; see {@link PartyBootstrap}).
 */
@ConfigurationProperties("aftersales.parties")
public record PartyProperties(
    @DefaultValue("PT5M") Duration replayWindow,
    @DefaultValue("") String importFile) {}
