package org.aftersales.repair;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.CaseService;
import org.aftersales.cases.CaseView;
import org.aftersales.payment.PayoutCap;
import org.aftersales.system.web.ConflictException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the customer hands in during a repair: evidence, answers, an appointment, a choice of remedy. */
@Service
public class RepairService {

  private final CaseService cases;
  private final CaseRepository records;
  private final Appointments appointments;
  private final RuntimeService runtime;
  private final PayoutCap payouts;

  public RepairService(CaseService cases, CaseRepository records, Appointments appointments, RuntimeService runtime,
      PayoutCap payouts) {
    this.cases = cases;
    this.records = records;
    this.appointments = appointments;
    this.runtime = runtime;
    this.payouts = payouts;
  }

  @Transactional
  public CaseView supplyEvidence(String caseId, List<String> evidence, String description, String actingFor) {
    CaseRecord c = cases.lockOpen(caseId, actingFor);
    correlate(c, RepairProcess.Message.EVIDENCE_SUPPLIED, Map.of(RepairProcess.Var.EVIDENCE_COMPLETE, true),
        "is not waiting for evidence");
    records.updateDetails(caseId, c.details().withEvidence(evidence), description);
    return cases.view(caseId);
  }

  @Transactional
  public CaseView selfRepairAnswer(String caseId, boolean fixed, String actingFor) {
    CaseRecord c = cases.lockOpen(caseId, actingFor);
    correlate(c, RepairProcess.Message.SELF_REPAIR_ANSWERED, Map.of(RepairProcess.Var.SELF_REPAIR_FIXED, fixed),
        "is not waiting for an answer to self-repair instructions");
    return cases.view(caseId);
  }

  @Transactional
  public CaseView bookAppointment(String caseId, OffsetDateTime slotStart, String actingFor) {
    CaseRecord c = cases.lockOpen(caseId, actingFor);
    if (!waitingFor(c, RepairProcess.Message.APPOINTMENT_BOOKED)) {
      throw new ConflictException("Case " + caseId + " is not waiting for an appointment (" + c.stage() + ").");
    }
    appointments.book(caseId, slotStart);
    OffsetDateTime start = slotStart.withOffsetSameInstant(ZoneOffset.UTC);
    correlate(c, RepairProcess.Message.APPOINTMENT_BOOKED, Map.of(RepairProcess.Var.SLOT_START, start.toString(),
        RepairProcess.Var.SLOT_END, start.plusHours(1).toString()), "is not waiting for an appointment");
    return cases.view(caseId);
  }

  @Transactional
  public CaseView quoteAnswer(String caseId, boolean accept, String actingFor) {
    CaseRecord c = cases.lockOpen(caseId, actingFor);
    correlate(c, RepairProcess.Message.QUOTE_ANSWERED, Map.of(RepairProcess.Var.QUOTE_ACCEPTED, accept),
        "has no quote waiting for an answer");
    return cases.view(caseId);
  }

  @Transactional
  public CaseView chooseRemedy(String caseId, String remedy, String actingFor) {
    CaseRecord c = cases.lockOpen(caseId, actingFor);
    PayoutCap.Room room = payouts.room(caseId);
    if (!RepairProcess.REPLACEMENT.equals(remedy) && waitingFor(c, RepairProcess.Message.REMEDY_CHOSEN)
        && !room.allows(c.requestedAmount())) {
      throw new ConflictException("A refund of " + CaseView.money(c.requestedAmount()) + " " + c.currency()
          + " is more than may still be paid back (" + CaseView.money(room.amount()) + " " + c.currency() + ": "
          + room.why() + "). Choose a replacement.");
    }
    correlate(c, RepairProcess.Message.REMEDY_CHOSEN, Map.of(RepairProcess.Var.REMEDY, remedy),
        "has no offer of a replacement or refund waiting for a choice");
    return cases.view(caseId);
  }

  private boolean waitingFor(CaseRecord c, String message) {
    return runtime.createExecutionQuery().processInstanceBusinessKey(c.caseId()).messageEventSubscriptionName(message)
        .count() > 0;
  }

  private void correlate(CaseRecord c, String message, Map<String, Object> variables, String notWaiting) {
    try {
      runtime.createMessageCorrelation(message).processInstanceBusinessKey(c.caseId()).setVariables(variables)
          .correlateWithResult();
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException("Case " + c.caseId() + " " + notWaiting + " (" + c.stage() + ").");
    }
  }
}
