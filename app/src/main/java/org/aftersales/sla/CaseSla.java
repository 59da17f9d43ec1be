package org.aftersales.sla;

import java.time.Instant;

/**
 * The service figures of one case, from Camunda's history: when it was first answered, how long it took,
 * how long it waited for the customer (not counted against us), the response score and grade. Minutes are
 * working minutes when the business calendar is on; null where the thing has not happened yet. An open case
 * has its age in {@code openMinutes} (without the customer's waiting time) and is {@code nearLimit} once most
 * of a target has passed without it being missed yet.
 */
public record CaseSla(String caseId, String type, String status, String stage, String outcome, String sellerId,
    String processInstanceId, Instant openedAt,
    Instant firstResponseAt, Instant closedAt, Long firstResponseMinutes, Long resolutionMinutes,
    long customerWaitingMinutes, Integer responseScore, String responseGrade, Boolean responseOnTime,
    Boolean resolvedOnTime, Long openMinutes, boolean nearLimit) {

  static final String CSV_HEADER = "caseId,type,status,stage,outcome,sellerId,processInstanceId,openedAt,firstResponseAt,closedAt,"
      + "firstResponseMinutes,resolutionMinutes,customerWaitingMinutes,responseScore,responseGrade,responseOnTime,"
      + "resolvedOnTime,openMinutes,nearLimit";

  String csv() {
    return String.join(",", caseId, type, status, quoted(stage), text(outcome), text(sellerId), text(processInstanceId),
        text(openedAt), text(firstResponseAt),
        text(closedAt), text(firstResponseMinutes), text(resolutionMinutes), Long.toString(customerWaitingMinutes),
        text(responseScore), text(responseGrade), text(responseOnTime), text(resolvedOnTime), text(openMinutes),
        Boolean.toString(nearLimit));
  }

  /** A CSV field in quotes, inner quotes doubled; a leading formula character is defused for spreadsheets. */
  private static String quoted(String value) {
    if (value == null) {
      return "";
    }
    String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
    return '"' + safe.replace("\"", "\"\"") + '"';
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
