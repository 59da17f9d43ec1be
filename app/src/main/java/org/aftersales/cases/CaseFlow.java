package org.aftersales.cases;

/**
 * What the case API hands the process of a case (its flow) and sends it later: the few start variables every flow
 * gets (those its models decide on; the rest of the case is read from the case record, and forms get it as display
 * values, {@link Shown}), the messages of the customer's own actions with their variables, and the variables of a case reopened on
 * someone's order. A flow takes them up in its model (the return flow catches {@link Message#CASE_WITHDRAWN}, a flow
 * without it cannot be withdrawn); its process class names these constants as its own ({@code ReturnProcess}).
 */
public final class CaseFlow {

  /** Messages the case API correlates by the case id (the business key). */
  public static final class Message {
    public static final String CUSTOMER_SHIPPED = "Msg_CustomerShipped";
    public static final String CASE_WITHDRAWN = "Msg_CaseWithdrawn";
    public static final String PROPOSAL_ANSWERED = "Msg_ProposalAnswered";

    private Message() {}
  }

  /** Process variables the case API sets. */
  public static final class Var {
    public static final String CASE_TYPE = "caseType";
    public static final String REASON = "reason";
    public static final String RETURN_METHOD = "returnMethod";
    public static final String WITH_RETURN = "withReturn";
    /** The amount asked for; on a reopened case the most that may still be refunded. */
    public static final String REQUESTED_AMOUNT = "requestedAmount";
    /** Set when an upheld complaint reopened the case: which complaint. */
    public static final String ORDERED_BY_COMPLAINT = "orderedByComplaint";
    /** Set when a supervisor reopened the case as service recovery after the follow-up visit: who. */
    public static final String ORDERED_BY_RECOVERY = "orderedByRecovery";
    /** With {@link Message#CUSTOMER_SHIPPED}; the carrier's parcel events are matched by it too. */
    public static final String TRACKING_NUMBER = "trackingNumber";
    /** With {@link Message#PROPOSAL_ANSWERED}. */
    public static final String PROPOSAL_ACCEPTED = "proposalAccepted";

    private Var() {}
  }

  /**
   * The case record's fields a form shows: display values ({@link CaseSummary}), no longer start variables; a flow
   * that needs one reads the case record.
   */
  public static final class Shown {
    public static final String PAID_AMOUNT = "paidAmount";
    public static final String CURRENCY = "currency";
    public static final String ORDER_SUMMARY = "orderSummary";
    public static final String DESCRIPTION = "description";
    public static final String EVIDENCE = "evidence";
    public static final String FAULT = "fault";
    public static final String FAULT_CAUSE = "faultCause";

    private Shown() {}
  }

  private CaseFlow() {}
}
