package org.aftersales.cases;

/** The answer to an outside event: which case it concerned and what it did. */
public record EventAnswer(String eventId, String caseId, InboundEventLog.Effect effect, String detail) {}
