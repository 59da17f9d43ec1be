package org.aftersales.sla;

import java.time.Instant;

/**
 * The service figures of one case, from Camunda's history: when it was first answered, how long it took,
 * how long it waited for the customer (not counted against us), the response score and grade. Minutes are
 * working minutes when the business calendar is on; null where the thing has not happened yet. An open case
 * has its age in {@code openMinutes} (without the customer's waiting time) and is {@code nearLimit} once most
 * of a target has passed without it being missed yet.
 *
 * <p>A case past its first-response target without an answer counts as it stands now: its
 * {@code pendingResponseMinutes} (working time without an answer so far) take the place of the response time in
 * the score and grade ({@code scoreAsItStands}), as they do in the on-time rate. {@code firstResponseOverMinutes}
 * and {@code resolutionOverMinutes} say by how much a target is missed (positive) or how much time is left
 * (negative, open cases only); null where the target was met or does not apply.
 */
public record CaseSla(String caseId, String type, String status, String stage, String outcome, String sellerId,
    String processInstanceId, Instant openedAt,
    Instant firstResponseAt, Instant closedAt, Long firstResponseMinutes, Long resolutionMinutes,
    long customerWaitingMinutes, Integer responseScore, String responseGrade, Boolean responseOnTime,
    Boolean resolvedOnTime, Long openMinutes, boolean nearLimit, String productCategory, Long pendingResponseMinutes,
    boolean scoreAsItStands, Long firstResponseOverMinutes, Long resolutionOverMinutes) {

  static final String CSV_HEADER = "caseId,type,status,stage,outcome,sellerId,processInstanceId,openedAt,firstResponseAt,closedAt,"
      + "firstResponseMinutes,resolutionMinutes,customerWaitingMinutes,responseScore,responseGrade,responseOnTime,"
      + "resolvedOnTime,openMinutes,nearLimit,productCategory,pendingResponseMinutes,scoreAsItStands,"
      + "firstResponseOverMinutes,resolutionOverMinutes";

  String csv() {
    return String.join(",", caseId, type, status, quoted(stage), text(outcome), text(sellerId), text(processInstanceId),
        text(openedAt), text(firstResponseAt),
        text(closedAt), text(firstResponseMinutes), text(resolutionMinutes), Long.toString(customerWaitingMinutes),
        text(responseScore), text(responseGrade), text(responseOnTime), text(resolvedOnTime), text(openMinutes),
        Boolean.toString(nearLimit), quoted(productCategory), text(pendingResponseMinutes), Boolean.toString(scoreAsItStands),
        text(firstResponseOverMinutes), text(resolutionOverMinutes));
  }

  /** A CSV field in quotes, inner quotes doubled; a leading formula character is defused for spreadsheets. */
  static String quoted(String value) {
    if (value == null) {
      return "";
    }
    String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
    return '"' + safe.replace("\"", "\"\"") + '"';
  }

  static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /** The response time as it stands: the time it took, or for a case late without an answer, the time so far. */
  public Long responseMinutesAsItStands() {
    return firstResponseMinutes != null ? firstResponseMinutes
        : Boolean.FALSE.equals(responseOnTime) ? pendingResponseMinutes : null;
  }

  /** The resolution time as it stands: the time it took, or for an open case past its target, its age so far. */
  public Long resolutionMinutesAsItStands() {
    return resolutionMinutes != null ? resolutionMinutes : Boolean.FALSE.equals(resolvedOnTime) ? openMinutes : null;
  }

  /** Open and past a target. */
  public boolean late() {
    return "OPEN".equals(status) && (Boolean.FALSE.equals(responseOnTime) || Boolean.FALSE.equals(resolvedOnTime));
  }
}
