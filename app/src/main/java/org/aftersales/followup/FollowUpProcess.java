package org.aftersales.followup;

/**
 * The {@code follow-up-visit} process (processes/follow-up-visit.bpmn): key, element ids, messages and variables;
 * the only place where these strings appear in Java.
 */
public final class FollowUpProcess {

  public static final String KEY = "follow-up-visit";
  public static final String GRADE_DECISION = "service-grade";
  public static final String RECOVERY_DECISION = "service-recovery";

  /** Element ids. */
  public static final class Element {
    public static final String SURVEY_DELAY = "Timer_SurveyDelay";
    public static final String SEND_SURVEY = "Task_SendSurvey";
    public static final String AWAIT_SURVEY = "Task_AwaitSurvey";
    public static final String SURVEY_UNANSWERED = "BoundaryEvent_SurveyUnanswered";
    public static final String CALL_CUSTOMER = "Task_CallCustomer";
    public static final String SERVICE_RECOVERY = "Task_ServiceRecovery";
    public static final String PAY_COMPENSATION = "CallActivity_PayCompensation";
    public static final String NOTIFY_COMPENSATION_PAID = "Task_NotifyCompensationPaid";
    public static final String REOPEN_CASE = "Task_ReopenCase";
    public static final String END_SATISFIED = "EndEvent_Satisfied";
    public static final String END_NOT_REACHED = "EndEvent_CustomerNotReached";
    public static final String END_RECOVERED = "EndEvent_Recovered";

    private Element() {}
  }

  /** Message names. */
  public static final class Message {
    public static final String SURVEY_ANSWERED = "Msg_SurveyAnswered";

    private Message() {}
  }

  /** Process variables. */
  public static final class Var {
    public static final String CLOSED_AS = "closedAs";
    public static final String CASE_SUMMARY = "caseSummary";
    /** The five answers, as the phone form names them (the API takes the same names without the prefix). */
    public static final String SCORE_RESPONSE_SPEED = "scoreResponseSpeed";
    public static final String SCORE_PROBLEM_SOLVING = "scoreProblemSolving";
    public static final String SCORE_ATTITUDE = "scoreAttitude";
    public static final String SCORE_COMMUNICATION = "scoreCommunication";
    public static final String SCORE_FOLLOW_UP = "scoreFollowUp";
    public static final String SURVEY_COMMENT = "surveyComment";
    public static final String CUSTOMER_REACHED = "customerReached";
    public static final String CALL_NOTES = "callNotes";
    public static final String SURVEY_CHANNEL = "surveyChannel";
    public static final String OVERALL_SCORE = "overallScore";
    public static final String GRADE = "grade";
    public static final String RECOVERY_NEEDED = "recoveryNeeded";
    public static final String RECOVERY_REASON = "recoveryReason";
    public static final String SURVEY_SUMMARY = "surveySummary";
    public static final String RECOVERY_DECISION = "recoveryDecision";
    public static final String RECOVERY_NOTES = "recoveryNotes";
    public static final String RECOVERY_DECIDED_BY = "recoveryDecidedBy";
    public static final String COMPENSATION_AMOUNT = "compensationAmount";
    public static final String MAX_COMPENSATION = "maxCompensation";
    public static final String REOPEN_GOODS_BACK = "reopenGoodsBack";
    public static final String REFUND_AMOUNT = "refundAmount";

    private Var() {}
  }

  /** Values of {@link Var#RECOVERY_DECISION}. */
  public enum RecoveryDecision { NOTHING, COMPENSATE, REOPEN }

  /** How a survey was answered. */
  public enum Channel { WEB, PHONE }

  private FollowUpProcess() {}
}
