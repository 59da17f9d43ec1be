package org.aftersales.returns;

/**
 * The {@code refund-payment} process (processes/refund-payment.bpmn): pays one refund for a case through the
 * payment provider and waits for the result; called by every flow that refunds. Its business key is the
 * case id; it takes {@code refundAmount} and gives back {@code refundId}. Variables and messages it shares
 * with its callers are named in {@link ReturnProcess}.
 */
public final class RefundProcess {

  public static final String KEY = "refund-payment";

  /** Element ids. */
  public static final class Element {
    public static final String REQUEST_REFUND = "Task_RequestRefund";
    public static final String AWAIT_REFUND = "Task_AwaitRefundResult";
    public static final String REFUND_RESULT_OVERDUE = "BoundaryEvent_RefundResultOverdue";
    public static final String CHECK_REFUND_STATUS = "Task_CheckRefundStatus";
    public static final String REFUND_RETRY_DELAY = "Timer_RefundRetryDelay";
    public static final String NOTIFY_REFUND_DELAYED = "Task_NotifyRefundDelayed";
    public static final String RESOLVE_FAILED_REFUND = "Task_ResolveFailedRefund";
    public static final String END_REFUND_PAID = "EndEvent_RefundPaid";

    private Element() {}
  }

  private RefundProcess() {}
}
