package org.aftersales.cases;

import java.time.Instant;

/** One step of a case as the customer reads it. */
public record TimelineEntry(Instant at, String code, String event) {}
