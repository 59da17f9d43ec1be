package org.aftersales.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.CaseTexts;
import org.aftersales.cases.OpenCaseRequest;
import org.aftersales.logistics.ParcelRegistry;
import org.aftersales.logistics.ParcelStatus;
import org.aftersales.notification.NotificationTemplates;
import org.aftersales.system.BusinessTime;
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
  void theNotificationIdIsTheCaseAndTheActivityInstance() {
    deliver("REQUEST_APPROVED", Map.of());

    assertThat(sent.get().notificationId()).isEqualTo("AS-1-Task_Notify:ai-1");
  }

  @Test
  void aDeadlineTheDiagramPassesIsTheOneTheCustomerReads() {
    deliver("EVIDENCE_REQUESTED", Map.of("deadline", "2026-12-06 09:00 UTC"));

    assertThat(sent.get().details()).containsEntry("deadline", "6 Dec 2026, 17:00 (China time)");
  }

  @Test
  void withoutOneTheReturnFlowsDeadlinesAreUsed() {
    deliver("SHIP_BACK_INSTRUCTIONS", Map.of());
    assertThat(sent.get().details()).containsEntry("deadline", "8 Dec 2026, 17:00 (China time)")
        .containsEntry("address", "Warehouse 1");

    deliver("PARTIAL_REFUND_PROPOSED", Map.of());
    assertThat(sent.get().details()).containsEntry("deadline", "4 Dec 2026, 17:00 (China time)");
  }

  @Test
  void pickupTimesAreWrittenInTheBusinessZoneNotAsRawInstants() {
    // issue 17, item 10: "between 2026-12-04T21:00:04.442Z and ..." in English and Chinese e-mails; issue 21: the
    // window is read from the parcel record, not from process variables
    when(parcels.find("SF1")).thenReturn(Optional.of(new ParcelRegistry.Parcel("SF1", "AS-1", "BK-1",
        ParcelRegistry.Direction.RETURN, ParcelStatus.BOOKED, "carrier", "2026-12-04T21:00:04.442Z",
        "2026-12-05T01:00:04.442Z")));
    Map<String, Object> window = Map.of(ReturnProcess.Var.TRACKING_NUMBER, "SF1");
    deliver("PICKUP_BOOKED", Map.of(), window, "en");
    String english = templates.render(sent.get()).body();
    assertThat(english).contains("between 5 Dec 2026, 05:00 (China time) and 5 Dec 2026, 09:00 (China time)")
        .doesNotContain("2026-12-04T21:00");

    deliver("PICKUP_BOOKED", Map.of(), window, "zh");
    NotificationTemplates.Text chinese = templates.render(sent.get());
    assertThat(chinese.subject()).contains("2026年12月5日 05:00（北京时间）");
    assertThat(chinese.body()).contains("2026年12月5日 05:00（北京时间） 至 2026年12月5日 09:00（北京时间）")
        .doesNotContain("2026-12-04T21:00");
  }

  @Test
  void aPickupBookedBeforeIssue21KeepsTheWindowOfItsVariables() {
    Map<String, Object> window = Map.of(ReturnProcess.Var.PICKUP_WINDOW_START, "2026-12-04T21:00:04.442Z",
        ReturnProcess.Var.PICKUP_WINDOW_END, "2026-12-05T01:00:04.442Z", ReturnProcess.Var.TRACKING_NUMBER, "SF1");
    deliver("PICKUP_BOOKED", Map.of(), window, "en");

    assertThat(templates.render(sent.get()).body())
        .contains("between 5 Dec 2026, 05:00 (China time) and 5 Dec 2026, 09:00 (China time)");
    verifyNoInteractions(parcels);
  }

  @Test
  void otherNoticesDoNotReadTheParcel() {
    deliver("REFUND_PAID", Map.of(), Map.of(ReturnProcess.Var.TRACKING_NUMBER, "SF1",
        ReturnProcess.Var.REFUND_AMOUNT, "10.00"), "en");

    assertThat(sent.get().details()).doesNotContainKey("windowStart");
    verifyNoInteractions(parcels);
  }

  @Test
  void aChineseCustomerReadsTheRuleTablesReasonInChinese() {
    Map<String, Object> rejected = Map.of(ReturnProcess.Var.REJECT_REASON, "The seven-day no-reason return period has ended");
    deliver("REQUEST_REJECTED", Map.of(), rejected, "zh");
    assertThat(templates.render(sent.get()).body()).contains("原因：七天无理由退货期已过").doesNotContain("seven-day");

    deliver("REQUEST_REJECTED", Map.of(), rejected, "en");
    assertThat(templates.render(sent.get()).body()).contains("Reason: The seven-day no-reason return period has ended");
  }

  final NotificationTemplates templates = new NotificationTemplates();
  final ParcelRegistry parcels = mock(ParcelRegistry.class);

  private void deliver(String type, Map<String, Object> inputs) {
    deliver(type, inputs, Map.of(), null);
  }

  private void deliver(String type, Map<String, Object> inputs, Map<String, Object> variables, String language) {
    CaseRecord record = mock(CaseRecord.class);
    when(record.caseId()).thenReturn("AS-1");
    when(record.currency()).thenReturn("CNY");
    when(record.details()).thenReturn(new CaseRecord.CaseDetails(null, null, null, new OpenCaseRequest.Contact("Li Wei",
        "li.wei@example.com", null, null, language), null, null, null, null));
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
    when(execution.getVariable(anyString())).thenAnswer(call -> variables.get(call.getArgument(0, String.class)));
    when(execution.getVariablesLocal()).thenReturn(Variables.fromMap(locals));

    when(execution.getActivityInstanceId()).thenReturn("Task_Notify:ai-1");
    new NotifyCustomerDelegate(cases, (notification, timeline) -> {
      sent.set(notification);
      assertThat(timeline.code()).isEqualTo("NOTIFIED_" + type);
      return new SentNotification(notification.notificationId(), "AS-1", notification.type(), SentNotification.EMAIL,
          "li.wei@example.com", "subject", null, false);
    }, limits, addresses,
        new BusinessTime(ZoneId.of("Asia/Shanghai"), Clock.systemUTC()), new CaseTexts(), parcels).execute(execution);
  }
}
