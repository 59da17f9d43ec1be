package org.aftersales.complaint;

/**
 * The {@code complaint} process (processes/complaint.bpmn): key, element ids, messages and variables; the
 * only place where these strings appear in Java.
 */
public final class ComplaintProcess {

  public static final String KEY = "complaint";
  public static final String SEVERITY_DECISION = "complaint-severity";

  /** Element ids. */
  public static final class Element {
    public static final String ASSESS = "Task_AssessComplaint";
    public static final String NOTIFY_RECEIVED = "Task_NotifyComplaintReceived";
    public static final String REQUEST_STATEMENT = "Task_RequestSellerStatement";
    public static final String AWAIT_STATEMENT = "Task_AwaitSellerStatement";
    public static final String STATEMENT_OVERDUE = "BoundaryEvent_SellerSilent";
    public static final String INVESTIGATE = "Task_Investigate";
    public static final String RESOLUTION_WARNING = "BoundaryEvent_ResolutionWarning";
    public static final String WARN_SUPERVISORS = "Task_WarnSupervisors";
    public static final String RESOLUTION_BREACHED = "BoundaryEvent_ResolutionBreached";
    public static final String DECIDE_ESCALATED = "Task_DecideEscalated";
    public static final String NOTIFY_CUSTOMER_DECISION = "Task_NotifyCustomerDecision";
    public static final String NOTIFY_SELLER_DECISION = "Task_NotifySellerDecision";
    public static final String PAY_COMPENSATION = "CallActivity_PayCompensation";
    public static final String FORCE_LINKED_CASE = "Task_ForceLinkedCase";
    public static final String PENALISE_SELLER = "Task_PenaliseSeller";
    public static final String AWAIT_APPEAL = "Task_AwaitAppeal";
    public static final String APPEAL_WINDOW_CLOSED = "BoundaryEvent_AppealWindowClosed";
    public static final String DECIDE_APPEAL = "Task_DecideAppeal";
    public static final String NOTIFY_CUSTOMER_APPEAL = "Task_NotifyCustomerAppeal";
    public static final String NOTIFY_SELLER_APPEAL = "Task_NotifySellerAppeal";
    public static final String END_CLOSED = "EndEvent_ComplaintClosed";

    private Element() {}
  }

  /** Message names. */
  public static final class Message {
    public static final String SELLER_STATEMENT = "Msg_SellerStatement";
    public static final String APPEAL = "Msg_ComplaintAppealed";

    private Message() {}
  }

  /** Process variables. */
  public static final class Var {
    public static final String CATEGORY = "complaintCategory";
    public static final String SECOND_COMPLAINT = "secondComplaint";
    public static final String EARLIER_CASE = "earlierComplaintCaseId";
    public static final String COMPLAINED_BEFORE = "complainedBefore";
    public static final String PRIORITY = "priority";
    public static final String TASK_PRIORITY = "taskPriority";
    public static final String FIRST_RESPONSE_DUE = "firstResponseDue";
    public static final String RESOLUTION_DUE = "resolutionDue";
    public static final String RESOLUTION_WARNING_AT = "resolutionWarningAt";
    public static final String SELLER_STATEMENT_DUE = "sellerStatementDue";
    public static final String MAX_COMPENSATION = "maxCompensation";
    public static final String CHAT_RECORD = "chatRecord";
    public static final String LINKED_CASES = "linkedCases";
    public static final String SELLER_HEARD = "sellerHeard";
    public static final String SELLER_STATEMENT = "sellerStatement";
    public static final String SELLER_EVIDENCE = "sellerEvidence";
    public static final String DECISION = "complaintDecision";
    public static final String DECISION_REASONS = "decisionReasons";
    public static final String UPHELD = "upheld";
    public static final String COMPENSATION_AMOUNT = "compensationAmount";
    public static final String COMPENSATE = "compensate";
    public static final String FORCED_REMEDY = "forcedRemedy";
    public static final String PENALTY = "penalty";
    public static final String PENALTY_POINTS = "penaltyPoints";
    public static final String FINE_AMOUNT = "fineAmount";
    public static final String DECISION_TEXT = "decisionText";
    /** The limits as the forms and e-mails show them (yyyy-MM-dd HH:mm UTC). */
    public static final String FIRST_RESPONSE_DUE_TEXT = "firstResponseDueText";
    public static final String RESOLUTION_DUE_TEXT = "resolutionDueText";
    public static final String SELLER_STATEMENT_DUE_TEXT = "sellerStatementDueText";
    public static final String APPEALED = "appealed";
    public static final String APPEAL_REASON = "appealReason";
    public static final String APPEAL_DECISION = "appealDecision";
    public static final String APPEAL_REASONS = "appealReasons";
    public static final String APPEAL_DUE = "appealDue";
    public static final String REFUND_AMOUNT = "refundAmount";

    private Var() {}
  }

  /** Values of {@link Var#DECISION} and {@link Var#APPEAL_DECISION}. */
  public static final String UPHELD = "UPHELD";
  public static final String DISMISSED = "DISMISSED";

  /** Values of {@link Var#FORCED_REMEDY}. */
  public enum ForcedRemedy { NONE, FORCED_RETURN, FORCED_REFUND }

  /** Values of {@link Var#PENALTY}. */
  public enum Penalty { NONE, WARNING, POINTS, FINE }

  private ComplaintProcess() {}
}
