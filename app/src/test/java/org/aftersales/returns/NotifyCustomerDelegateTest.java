package org.aftersales.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.aftersales.cases.CaseProgress;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.notification.CustomerNotification;
import org.aftersales.notification.SentNotification;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * The details {@code notifyCustomerDelegate} gives a notification's text: the return flow's deadlines unless the
 * diagram passes a {@code deadline} input (the repair flow's evidence, self-repair and remedy limits do).
 */
class NotifyCustomerDelegateTest {

  static final Date SHIP_BACK_DUE = Date.from(Instant.parse("2026-12-08T09:00:00Z"));
  static final Date PROPOSAL_DUE = Date.from(Instant.parse("2026-12-04T09:00:00Z"));

  final AtomicReference<CustomerNotification> sent = new AtomicReference<>();

  @Test
  void aDeadlineTheDiagramPassesIsTheOneTheCustomerReads() {
    deliver("EVIDENCE_REQUESTED", Map.of("deadline", "2026-12-06 09:00 UTC"));

    assertThat(sent.get().details()).containsEntry("deadline", "2026-12-06 09:00 UTC");
  }

  @Test
  void withoutOneTheReturnFlowsDeadlinesAreUsed() {
    deliver("SHIP_BACK_INSTRUCTIONS", Map.of());
    assertThat(sent.get().details()).containsEntry("deadline", "2026-12-08 09:00 UTC").containsEntry("address", "Warehouse 1");

    deliver("PARTIAL_REFUND_PROPOSED", Map.of());
    assertThat(sent.get().details()).containsEntry("deadline", "2026-12-04 09:00 UTC");
  }

  private void deliver(String type, Map<String, Object> inputs) {
    CaseRecord record = mock(CaseRecord.class);
    when(record.caseId()).thenReturn("AS-1");
    when(record.currency()).thenReturn("CNY");
    when(record.details()).thenReturn(mock(CaseRecord.CaseDetails.class));
    CaseRepository cases = mock(CaseRepository.class);
    when(cases.find("AS-1")).thenReturn(Optional.of(record));
    ReturnLimits limits = mock(ReturnLimits.class);
    when(limits.shipBackDue()).thenReturn(SHIP_BACK_DUE);
    when(limits.proposalAnswerDue()).thenReturn(PROPOSAL_DUE);
    Addresses addresses = mock(Addresses.class);
    when(addresses.warehouseText()).thenReturn("Warehouse 1");

    Map<String, Object> locals = new HashMap<>(inputs);
    locals.put(ReturnProcess.Var.NOTIFICATION_TYPE, type);
    DelegateExecution execution = mock(DelegateExecution.class);
    when(execution.getProcessBusinessKey()).thenReturn("AS-1");
    when(execution.getProcessInstanceId()).thenReturn("pi-1");
    when(execution.getVariableLocal(ReturnProcess.Var.NOTIFICATION_TYPE)).thenReturn(type);
    when(execution.getVariable(anyString())).thenReturn(null);
    when(execution.getVariablesLocal()).thenReturn(Variables.fromMap(locals));

    new NotifyCustomerDelegate(cases, notification -> {
      sent.set(notification);
      return new SentNotification(notification.notificationId(), "AS-1", notification.type(), SentNotification.EMAIL,
          "li.wei@example.com", "subject", null, false);
    }, mock(CaseProgress.class), limits, addresses).execute(execution);
  }
}
