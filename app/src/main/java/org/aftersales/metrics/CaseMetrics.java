package org.aftersales.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.aftersales.cases.CaseProgress.CaseClosed;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseService.CaseOpened;
import org.aftersales.cases.CaseStatus;
import org.aftersales.cases.CaseType;
import org.aftersales.sla.CaseSla;
import org.aftersales.sla.SlaCalculator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts cases opened ({@code aftersales_cases_opened_total{type}}), closed
 * ({@code aftersales_cases_closed_total{type,outcome}}) and closed past their service targets
 * ({@code aftersales_sla_breaches_total{type,kind}}, kind {@code first_response} or {@code resolution}, as
 * {@link SlaCalculator} judges the case). Counted once the transaction that opened or closed the case has committed,
 * so a request that is rolled back or answered again from its idempotency key counts nothing; a case reopened and
 * closed again counts as closed (and possibly late) again.
 */
@Component
public class CaseMetrics {

  static final String OPENED = "aftersales.cases.opened";
  static final String CLOSED = "aftersales.cases.closed";
  static final String BREACHES = "aftersales.sla.breaches";
  static final String FIRST_RESPONSE = "first_response";
  static final String RESOLUTION = "resolution";

  private final MeterRegistry registry;
  private final SlaCalculator sla;
  private final SystemReads reads;

  public CaseMetrics(MeterRegistry registry, SlaCalculator sla, SystemReads reads) {
    this.registry = registry;
    this.sla = sla;
    this.reads = reads;
    // every type shows from the start, at zero, so that rates and alerts have a series to work on
    for (CaseType type : CaseType.values()) {
      opened(type);
      breaches(type, FIRST_RESPONSE);
      breaches(type, RESOLUTION);
    }
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void caseOpened(CaseOpened opened) {
    opened(opened.type()).increment();
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void caseClosed(CaseClosed closed) {
    // one read transaction for the record and its times; the score decisions are not needed to count breaches
    reads.read("the service figures of case " + closed.caseId(), () -> reads.committed(closed.caseId())
        .map(record -> new Closed(record, record.status() == CaseStatus.CLOSED ? sla.timesOnly(record) : null))
        .orElse(null)).ifPresent(read -> {
          CaseRecord record = read.record();
          Counter.builder(CLOSED).description("After-sales cases closed, by case type and outcome")
              .tag("type", record.type().name()).tag("outcome", closed.outcome().name()).register(registry).increment();
          CaseSla figures = read.figures();
          if (figures == null) {
            return; // reopened meanwhile: its service figures are those of an open case
          }
          if (Boolean.FALSE.equals(figures.responseOnTime())) {
            breaches(record.type(), FIRST_RESPONSE).increment();
          }
          if (Boolean.FALSE.equals(figures.resolvedOnTime())) {
            breaches(record.type(), RESOLUTION).increment();
          }
        });
  }

  private record Closed(CaseRecord record, CaseSla figures) {}

  private Counter opened(CaseType type) {
    return Counter.builder(OPENED).description("After-sales cases opened, by case type").tag("type", type.name())
        .register(registry);
  }

  /** Counts closed cases that missed the first-response or the resolution target ({@link CaseSla}). */
  private Counter breaches(CaseType type, String kind) {
    return Counter.builder(BREACHES).description("Closed cases that missed a service target, by case type and kind "
        + "(first_response, resolution)").tag("type", type.name()).tag("kind", kind).register(registry);
  }
}
