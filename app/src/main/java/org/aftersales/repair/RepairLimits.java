package org.aftersales.repair;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The repair flow's limits as the BPMN reads them ({@code ${repairLimits.quoteAnswer}}, {@code ${repairLimits.diagnosisDue()}}). */
@Component("repairLimits")
@EnableConfigurationProperties(RepairLimitsProperties.class)
public class RepairLimits {

  private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final RepairLimitsProperties limits;
  private final Clock clock;

  public RepairLimits(RepairLimitsProperties limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  public RepairLimitsProperties properties() {
    return limits;
  }

  public String getEvidence() {
    return limits.evidence().toString();
  }

  public String getSelfRepairAnswer() {
    return limits.selfRepairAnswer().toString();
  }

  public String getAppointment() {
    return limits.appointment().toString();
  }

  public String getQuoteAnswer() {
    return limits.quoteAnswer().toString();
  }

  public String getPaymentWait() {
    return limits.paymentWait().toString();
  }

  public Date paymentDue() {
    return due(limits.paymentWait());
  }

  public String getRepair() {
    return limits.repair().toString();
  }

  public String getRemedyChoice() {
    return limits.remedyChoice().toString();
  }

  public Date evidenceDue() {
    return due(limits.evidence());
  }

  public String evidenceDueText() {
    return TEXT.format(evidenceDue().toInstant());
  }

  public Date selfRepairAnswerDue() {
    return due(limits.selfRepairAnswer());
  }

  public String selfRepairAnswerDueText() {
    return TEXT.format(selfRepairAnswerDue().toInstant());
  }

  public Date appointmentDue() {
    return due(limits.appointment());
  }

  public Date diagnosisDue() {
    return due(limits.diagnosis());
  }

  public Date quoteAnswerDue() {
    return due(limits.quoteAnswer());
  }

  public Date repairTaskDue() {
    return due(limits.repairTask());
  }

  public Date qualityCheckDue() {
    return due(limits.qualityCheck());
  }

  public Date remedyChoiceDue() {
    return due(limits.remedyChoice());
  }

  public String remedyChoiceDueText() {
    return TEXT.format(remedyChoiceDue().toInstant());
  }

  /** Handing in the faulty product before a replacement or refund (no courier could collect it): the appointment limit. */
  public Date handInDue() {
    return due(limits.appointment());
  }

  public Date handInFollowUp() {
    return followUp(limits.appointment());
  }

  /** The drop-off registration is due by the end of the booked slot's day. */
  public Date dropOffDue(String slotStart) {
    return Date.from(OffsetDateTime.parse(slotStart).plusDays(1).toInstant());
  }

  /** Follow-up dates of the user tasks: half-way to their due dates. */
  public Date diagnosisFollowUp() {
    return followUp(limits.diagnosis());
  }

  public Date quoteAnswerFollowUp() {
    return followUp(limits.quoteAnswer());
  }

  public Date repairTaskFollowUp() {
    return followUp(limits.repairTask());
  }

  public Date qualityCheckFollowUp() {
    return followUp(limits.qualityCheck());
  }

  /** The drop-off registration comes back to the top when the booked slot starts. */
  public Date dropOffFollowUp(String slotStart) {
    return Date.from(OffsetDateTime.parse(slotStart).toInstant());
  }

  private Date due(Duration limit) {
    return Date.from(clock.instant().plus(limit));
  }

  /** Half-way to a limit: when Tasklist brings the task back to the top (its follow-up date). */
  private Date followUp(Duration limit) {
    return due(limit.dividedBy(2));
  }
}
