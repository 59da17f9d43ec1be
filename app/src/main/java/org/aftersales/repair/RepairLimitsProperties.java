package org.aftersales.repair;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Time limits and money of the repair flow ({@code aftersales.repairs.*}); the BPMN reads them through
 * {@link RepairLimits}.
 *
 * @param evidence          the customer sends missing photos and fault description within this
 * @param selfRepairAnswer  the customer says whether the instructions helped within this
 * @param appointment       the customer books a slot within this
 * @param diagnosis         a technician diagnoses within this of receipt (due date)
 * @param quoteAnswer       the customer answers a quote within this, or it counts as declined
 * @param paymentWait       the customer pays an accepted quote within this, or the product goes back unrepaired
 * @param repair            diagnosis to passed quality check; longer offers a replacement or a refund
 * @param repairTask        a repair task's due date
 * @param qualityCheck      a quality check's due date
 * @param remedyChoice      the customer chooses replacement or refund within this, or gets a refund
 * @param labourRate        labour cost per hour
 * @param diagnosisFee      charged when a quote is declined; 0 for none
 * @param slotCapacity      products a service point takes in per one-hour slot
 * @param openingHour       first slot of the day at the service point
 * @param closingHour       the service point closes at this hour
 * @param zone              the service point's time zone
 * @param bookingHorizon    how far ahead slots may be booked
 */
@ConfigurationProperties("aftersales.repairs")
public record RepairLimitsProperties(
    @DefaultValue("P5D") Duration evidence,
    @DefaultValue("P3D") Duration selfRepairAnswer,
    @DefaultValue("P7D") Duration appointment,
    @DefaultValue("P2D") Duration diagnosis,
    @DefaultValue("P3D") Duration quoteAnswer,
    @DefaultValue("P3D") Duration paymentWait,
    @DefaultValue("P15D") Duration repair,
    @DefaultValue("P5D") Duration repairTask,
    @DefaultValue("P1D") Duration qualityCheck,
    @DefaultValue("P5D") Duration remedyChoice,
    @DefaultValue("80.00") BigDecimal labourRate,
    @DefaultValue("50.00") BigDecimal diagnosisFee,
    @DefaultValue("2") int slotCapacity,
    @DefaultValue("9") int openingHour,
    @DefaultValue("18") int closingHour,
    @DefaultValue("Asia/Shanghai") ZoneId zone,
    @DefaultValue("P30D") Duration bookingHorizon) {}
