package org.aftersales.notification.simulator;

import java.time.OffsetDateTime;

/** A message the mail simulator received, as people trying the system read it. */
public record ReceivedMail(String to, String subject, String body, OffsetDateTime receivedAt) {}
