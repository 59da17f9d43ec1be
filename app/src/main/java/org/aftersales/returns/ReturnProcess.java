package org.aftersales.returns;

import org.aftersales.cases.CaseFlow;
import org.aftersales.logistics.ParcelEventController;
import org.aftersales.payment.PaymentEventController;

/**
 * The {@code return-request} process (processes/return-request.bpmn): its key, element ids, messages,
 * errors and variables. The only place where these strings appear in Java; tests use them too. Those it shares
 * are declared where both sides may read them and named here again: what the case API sends in
 * {@link CaseFlow}, the carrier's and the payment provider's results in {@link ParcelEventController} and
 * {@link PaymentEventController}.
 */
public final class ReturnProcess {

  public static final String KEY = "return-request";
  public static final String ELIGIBILITY_DECISION = "return-eligibility";

  /** Element ids. */
  public static final class Element {
    public static final String START = "StartEvent_CaseOpened";
    public static final String REQUEST = "SubProcess_Request";
    public static final String CHECK_ELIGIBILITY = "Task_CheckEligibility";
    public static final String REVIEW = "Task_ReviewRequest";
    public static final String REVIEW_OVERDUE = "BoundaryEvent_ReviewOverdue";
    public static final String NOTIFY_APPROVED = "Task_NotifyApproved";
    public static final String BOOK_PICKUP = "Task_BookPickup";
    public static final String NOTIFY_PICKUP_BOOKED = "Task_NotifyPickupBooked";
    public static final String SHIP_BACK_INSTRUCTIONS = "Task_SendShipBackInstructions";
    public static final String AWAIT_CUSTOMER_SHIPMENT = "Task_AwaitCustomerShipment";
    public static final String SHIP_BACK_OVERDUE = "BoundaryEvent_ShipBackOverdue";
    public static final String WATCH_PARCEL = "Task_WatchParcel";
    public static final String AWAIT_GOODS = "Task_AwaitGoodsDelivered";
    public static final String PARCEL_LOST = "BoundaryEvent_ParcelLost";
    public static final String INSPECT = "Task_InspectGoods";
    public static final String INSPECTION_OVERDUE = "BoundaryEvent_InspectionOverdue";
    public static final String DECIDE_FAILED_INSPECTION = "Task_DecideFailedInspection";
    public static final String NOTIFY_PARTIAL_REFUND = "Task_NotifyPartialRefund";
    /** The agents' task for an answer given by phone; the shop's answer (the boundary message) closes it. */
    public static final String RECORD_OFFER_ANSWER = "Task_RecordOfferAnswer";
    public static final String OFFER_ANSWERED = "BoundaryEvent_OfferAnswered";
    public static final String PROPOSAL_UNANSWERED = "BoundaryEvent_ProposalUnanswered";
    public static final String CALCULATE_REFUND = "Task_CalculateRefund";
    public static final String APPROVE_REFUND = "Task_ApproveRefund";
    /** Calls {@link RefundProcess}: the refund is paid there. */
    public static final String PAY_REFUND = "CallActivity_PayRefund";
    public static final String NOTIFY_REFUND_PAID = "Task_NotifyRefundPaid";
    public static final String BOOK_REPLACEMENT = "Task_BookReplacement";
    public static final String NOTIFY_REPLACEMENT_SHIPPED = "Task_NotifyReplacementShipped";
    public static final String BOOK_SEND_BACK = "Task_BookSendBack";
    public static final String NOTIFY_SENT_BACK = "Task_NotifySentBack";
    public static final String NOTIFY_REJECTED = "Task_NotifyRejected";
    public static final String NOTIFY_EXPIRED = "Task_NotifyExpired";
    public static final String WITHDRAWN = "BoundaryEvent_Withdrawn";
    public static final String NOTIFY_CANCELLED = "Task_NotifyCancelled";
    public static final String END_REFUNDED = "EndEvent_Refunded";
    public static final String END_REPLACED = "EndEvent_Replaced";
    public static final String END_RETURNED_TO_CUSTOMER = "EndEvent_ReturnedToCustomer";
    public static final String END_REJECTED = "EndEvent_Rejected_Closed";
    public static final String END_EXPIRED = "EndEvent_Expired_Closed";
    public static final String END_CANCELLED = "EndEvent_Cancelled";

    private Element() {}
  }

  /** Message names. */
  public static final class Message {
    public static final String CUSTOMER_SHIPPED = CaseFlow.Message.CUSTOMER_SHIPPED;
    public static final String PARCEL_DELIVERED = ParcelEventController.PARCEL_DELIVERED;
    public static final String PARCEL_LOST = ParcelEventController.PARCEL_LOST;
    public static final String REFUND_SETTLED = PaymentEventController.REFUND_SETTLED;
    public static final String CASE_WITHDRAWN = CaseFlow.Message.CASE_WITHDRAWN;
    public static final String PROPOSAL_ANSWERED = CaseFlow.Message.PROPOSAL_ANSWERED;

    private Message() {}
  }

  /** BPMN error codes. */
  public static final class Error {
    public static final String TRACKING_NUMBER_UNKNOWN = "Err_TrackingNumberUnknown";
    public static final String PICKUP_NOT_POSSIBLE = "Err_PickupNotPossible";

    private Error() {}
  }

  /** Process variables (small values only; the case itself lives in the case record). */
  public static final class Var {
    public static final String CASE_TYPE = CaseFlow.Var.CASE_TYPE;
    public static final String REASON = CaseFlow.Var.REASON;
    public static final String RETURN_METHOD = CaseFlow.Var.RETURN_METHOD;
    public static final String WITH_RETURN = CaseFlow.Var.WITH_RETURN;
    public static final String REQUESTED_AMOUNT = CaseFlow.Var.REQUESTED_AMOUNT;
    public static final String ELIGIBLE = "eligible";
    public static final String ELIGIBILITY_NOTE = "eligibilityNote";
    public static final String AUTO_APPROVE = "autoApprove";
    /** Set when an upheld complaint reopened the case: no review, the seller pays the postage. */
    /** Refunds the case had when a refund-payment instance started: its refund ids count on from there. */
    public static final String REFUND_NUMBER_BASE = "refundNumberBase";
    public static final String ORDERED_BY_COMPLAINT = CaseFlow.Var.ORDERED_BY_COMPLAINT;
    /** Set when a supervisor reopened the case as service recovery after the follow-up visit: who. */
    public static final String ORDERED_BY_RECOVERY = CaseFlow.Var.ORDERED_BY_RECOVERY;
    public static final String POSTAGE_PAID_BY = "postagePaidBy";
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String REJECT_REASON = "rejectReason";
    public static final String PARTIAL_AMOUNT = "partialAmount";
    public static final String PROPOSAL_ACCEPTED = CaseFlow.Var.PROPOSAL_ACCEPTED;
    public static final String TRACKING_NUMBER = CaseFlow.Var.TRACKING_NUMBER;
    public static final String INSPECTION_PASSED = "inspectionPassed";
    public static final String INSPECTION_CONDITION = "inspectionCondition";
    public static final String INSPECTION_NOTES = "inspectionNotes";
    public static final String INSPECTION_PHOTOS = "inspectionPhotos";
    public static final String DEDUCTIONS = "deductions";
    public static final String FAILED_INSPECTION_DECISION = "failedInspectionDecision";
    public static final String RESOLUTION = "resolution";
    public static final String REFUND_AMOUNT = "refundAmount";
    public static final String CALCULATED_REFUND_AMOUNT = "calculatedRefundAmount";
    public static final String POSTAGE_COMPENSATION = "postageCompensation";
    public static final String REFUND_ID = PaymentEventController.REFUND_ID;
    /** Attempt counter of instances that asked for a refund before issue 21 (the last refund id counts now). */
    public static final String REFUND_REQUESTS = "refundRequests";
    public static final String REFUND_STATUS = PaymentEventController.REFUND_STATUS;
    public static final String REFUND_FAILURE_REASON = PaymentEventController.REFUND_FAILURE_REASON;
    public static final String REFUND_FAILURES = "refundFailures";
    public static final String FINANCE_NOTE = "financeNote";
    public static final String OUTBOUND_TRACKING_NUMBER = "outboundTrackingNumber";
    /** Variables of instances that booked a pickup before issue 21; the window is kept with the parcel now. */
    public static final String PICKUP_WINDOW_START = "pickupWindowStart";
    public static final String PICKUP_WINDOW_END = "pickupWindowEnd";
    /** Local input of the notification tasks. */
    public static final String NOTIFICATION_TYPE = "notificationType";
    /** Local input of the shipment tasks: REPLACEMENT or SEND_BACK. */
    public static final String SHIPMENT_PURPOSE = "shipmentPurpose";

    private Var() {}
  }

  /** Values of {@link Var#REVIEW_DECISION} and {@link Var#FAILED_INSPECTION_DECISION}. */
  public static final String APPROVE = "APPROVE";
  public static final String REJECT = "REJECT";
  public static final String PARTIAL_REFUND = "PARTIAL_REFUND";
  public static final String SEND_BACK = "SEND_BACK";

  private ReturnProcess() {}
}
