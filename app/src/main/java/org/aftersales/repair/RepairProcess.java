package org.aftersales.repair;

/**
 * The {@code repair-request} process (processes/repair-request.bpmn): key, element ids, messages and
 * variables; the only place where these strings appear in Java.
 */
public final class RepairProcess {

  public static final String KEY = "repair-request";
  public static final String COVERAGE_DECISION = "repair-coverage";
  public static final String SELF_REPAIR_DECISION = "self-repair-advice";

  /** Element ids. */
  public static final class Element {
    public static final String CHECK_COVERAGE = "Task_CheckCoverage";
    public static final String AWAIT_REMEDY_CHOICE = "Task_AwaitRemedyChoice";
    public static final String REMEDY_UNANSWERED = "BoundaryEvent_RemedyUnanswered";
    public static final String PRODUCT_WITH_US = "Gateway_ProductWithUs";
    public static final String BOOK_COLLECTION = "Task_BookCollection";
    public static final String AWAIT_PRODUCT_COLLECTED = "Task_AwaitProductCollected";
    public static final String COLLECTION_NOT_POSSIBLE = "BoundaryEvent_CollectionNotPossible";
    public static final String REGISTER_HAND_IN = "Task_RegisterHandIn";
    public static final String BOOK_REPLACEMENT = "Task_BookReplacement";
    public static final String PAY_REFUND = "CallActivity_PayRefund";
    public static final String NOTIFY_NOT_REPAIRABLE = "Task_NotifyNotRepairable";
    public static final String REQUEST_EVIDENCE = "Task_RequestEvidence";
    public static final String AWAIT_EVIDENCE = "Task_AwaitEvidence";
    public static final String EVIDENCE_OVERDUE = "BoundaryEvent_EvidenceOverdue";
    public static final String SEND_SELF_REPAIR = "Task_SendSelfRepairInstructions";
    public static final String AWAIT_SELF_REPAIR_ANSWER = "Task_AwaitSelfRepairAnswer";
    public static final String SELF_REPAIR_UNANSWERED = "BoundaryEvent_SelfRepairUnanswered";
    public static final String BOOK_PICKUP = "Task_BookPickup";
    public static final String AWAIT_PRODUCT = "Task_AwaitProductDelivered";
    public static final String AWAIT_APPOINTMENT = "Task_AwaitAppointment";
    public static final String APPOINTMENT_OVERDUE = "BoundaryEvent_AppointmentOverdue";
    public static final String REGISTER_DROP_OFF = "Task_RegisterDropOff";
    public static final String REPAIR = "SubProcess_Repair";
    public static final String REPAIR_OVERDUE = "BoundaryEvent_RepairOverdue";
    public static final String DIAGNOSE = "Task_Diagnose";
    public static final String SEND_QUOTE = "Task_SendQuote";
    public static final String RECORD_QUOTE_ANSWER = "Task_RecordQuoteAnswer";
    public static final String QUOTE_ANSWERED = "BoundaryEvent_QuoteAnswered";
    public static final String QUOTE_UNANSWERED = "BoundaryEvent_QuoteUnanswered";
    public static final String COLLECT_PAYMENT = "Task_CollectPayment";
    public static final String AWAIT_PAYMENT = "Task_AwaitPayment";
    public static final String PAYMENT_OVERDUE = "BoundaryEvent_PaymentOverdue";
    public static final String REPAIR_PRODUCT = "Task_Repair";
    public static final String QUALITY_CHECK = "Task_QualityCheck";
    public static final String BOOK_RETURN_SHIPMENT = "Task_BookReturnShipment";
    public static final String CHARGE_DIAGNOSIS_FEE = "Task_ChargeDiagnosisFee";
    public static final String BOOK_UNREPAIRED_RETURN = "Task_BookUnrepairedReturn";
    public static final String END_REPAIRED = "EndEvent_Repaired";
    public static final String END_FIXED_BY_CUSTOMER = "EndEvent_FixedByCustomer";
    public static final String END_RETURNED_UNREPAIRED = "EndEvent_ReturnedUnrepaired";
    public static final String END_REPLACED = "EndEvent_Replaced";
    public static final String END_REFUNDED = "EndEvent_Refunded";
    public static final String END_NOT_REPAIRABLE = "EndEvent_NotRepairable";

    private Element() {}
  }

  /** Message names. */
  public static final class Message {
    public static final String EVIDENCE_SUPPLIED = "Msg_EvidenceSupplied";
    public static final String SELF_REPAIR_ANSWERED = "Msg_SelfRepairAnswered";
    public static final String APPOINTMENT_BOOKED = "Msg_AppointmentBooked";
    public static final String QUOTE_ANSWERED = "Msg_QuoteAnswered";
    public static final String REMEDY_CHOSEN = "Msg_RemedyChosen";

    private Message() {}
  }

  /** Process variables. */
  public static final class Var {
    /** The technician confirms the product was handed in (form register-drop-off). */
    public static final String PRODUCT_RECEIVED = "productReceived";
    /** Set when the product reached the service point for the repair: a later replacement or refund needs no pickup. */
    public static final String PRODUCT_AT_SERVICE_POINT = "productAtServicePoint";
    /** Free-text notes kept with the case's history (forms register-drop-off, repair-product, quality-check). */
    public static final String RECEIPT_NOTES = "receiptNotes";
    public static final String REPAIR_NOTES = "repairNotes";
    public static final String QC_NOTES = "qcNotes";
    public static final String REPEAT_FAULT = "repeatFault";
    public static final String COVERAGE = "coverage";
    public static final String COVERAGE_NOTE = "coverageNote";
    public static final String EVIDENCE_REQUIRED = "evidenceRequired";
    public static final String EVIDENCE_COMPLETE = "evidenceComplete";
    public static final String SELF_REPAIR_ARTICLE = "selfRepairArticle";
    public static final String SELF_REPAIR_FIXED = "selfRepairFixed";
    public static final String SLOT_START = "slotStart";
    public static final String SLOT_END = "slotEnd";
    public static final String FAULT_FOUND = "faultFound";
    public static final String DIAGNOSED_CAUSE = "diagnosedCause";
    public static final String PARTS_NEEDED = "partsNeeded";
    public static final String QUOTE_AMOUNT = "quoteAmount";
    public static final String ESTIMATED_DAYS = "estimatedDays";
    public static final String QUOTE_ACCEPTED = "quoteAccepted";
    public static final String PARTS_USED = "partsUsed";
    public static final String LABOUR_HOURS = "labourHours";
    public static final String QC_PASSED = "qcPassed";
    public static final String REMEDY = "remedy";

    private Var() {}
  }

  /** Values of {@link Var#COVERAGE}. */
  public static final String FREE = "FREE";
  public static final String PAID = "PAID";
  /** The value of {@link Var#REMEDY} for a replacement; anything else is a refund. */
  public static final String REPLACEMENT = "REPLACEMENT";

  private RepairProcess() {}
}
