package org.aftersales.sla;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.aftersales.cases.CaseService;
import org.aftersales.cases.CaseType;
import org.aftersales.system.security.Role;
import org.aftersales.system.web.InvalidRequestException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Service figures for managers: per case and over a period, as JSON or CSV. */
@RestController
@Tag(name = "Reports", description = "For managers")
public class SlaReportController {

  private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
  /** Spreadsheets (Excel) read a CSV as UTF-8, Chinese included, when it starts with the byte order mark. */
  private static final String BOM = "\uFEFF";

  private final SlaReport reports;
  private final SlaCalculator calculator;
  private final CaseService cases;
  private final org.aftersales.cases.CaseRepository records;
  private final Clock clock;
  private final org.aftersales.system.BusinessTime businessTime;

  public SlaReportController(SlaReport reports, SlaCalculator calculator, CaseService cases,
      org.aftersales.cases.CaseRepository records, Clock clock, org.aftersales.system.BusinessTime businessTime) {
    this.businessTime = businessTime;
    this.reports = reports;
    this.calculator = calculator;
    this.cases = cases;
    this.records = records;
    this.clock = clock;
  }

  @GetMapping("/api/reports/cases/{caseId}/sla")
  @Operation(summary = "Response and resolution time, customer waiting time, response score and grade of one case")
  public CaseSla caseSla(@PathVariable String caseId) {
    cases.view(caseId);
    return calculator.of(records.find(caseId).orElseThrow());
  }

  @GetMapping("/api/reports/sla")
  @Operation(summary = "Service figures of the cases opened in a period",
      description = "from (inclusive) and to (exclusive): ISO-8601 dates (days of the business zone) or date-times, the "
          + "last 30 days by default, at most 366 days; optional caseType, process (a flow's key), productCategory, "
          + "sellerId, group (cases with a task for that group); interval DAY or WEEK; format json (default) or csv "
          + "(UTF-8 with a byte order mark; table cases, one row per case, or sellers, one row per seller).")
  public ResponseEntity<?> report(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String caseType, @RequestParam(required = false) String process,
      @RequestParam(required = false) String productCategory, @RequestParam(required = false) String sellerId,
      @RequestParam(required = false) String group, @RequestParam(defaultValue = "DAY") String interval,
      @RequestParam(defaultValue = "json") String format, @RequestParam(defaultValue = "cases") String table) {
    Instant end = to == null ? clock.instant() : time("to", to);
    Instant start = from == null ? end.minus(Duration.ofDays(30)) : time("from", from);
    if (!start.isBefore(end)) {
      throw new InvalidRequestException("from", "must be before to");
    }
    if (Duration.between(start, end).compareTo(Duration.ofDays(366)) > 0) {
      throw new InvalidRequestException("from", "must be at most 366 days before to");
    }
    CaseType type = caseType == null ? null : choice(CaseType.class, "caseType", caseType);
    if (process != null && Arrays.stream(CaseType.values()).noneMatch(t -> t.processKey().equals(process))) {
      throw new InvalidRequestException("process", "must be the key of a case flow: " + Arrays.stream(CaseType.values())
          .map(CaseType::processKey).distinct().collect(Collectors.joining(", ")));
    }
    if (sellerId != null && !sellerId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new InvalidRequestException("sellerId", "must be a seller id such as S-77");
    }
    if (productCategory != null && !productCategory.matches("[\\p{L}\\p{N}][\\p{L}\\p{N} ._&/-]{0,63}")) {
      throw new InvalidRequestException("productCategory", "must be a product category such as HOME_APPLIANCES");
    }
    if (group != null && Arrays.stream(Role.values()).noneMatch(r -> r.groupId().equals(group))) {
      throw new InvalidRequestException("group", "must be one of " + Arrays.stream(Role.values()).map(Role::groupId)
          .collect(Collectors.joining(", ")));
    }
    SlaReport.Interval bucket = choice(SlaReport.Interval.class, "interval", interval.toUpperCase());
    if (!format.equals("json") && !format.equals("csv")) {
      throw new InvalidRequestException("format", "must be json or csv");
    }
    if (!table.equals("cases") && !table.equals("sellers")) {
      throw new InvalidRequestException("table", "must be cases or sellers");
    }
    SlaReport.Report report = reports.report(new SlaReport.Filter(start, end, type, process, productCategory, sellerId,
        group, bucket));
    if (format.equals("csv")) {
      java.util.List<String> rows = table.equals("cases") ? report.cases().stream().map(CaseSla::csv).toList()
          : report.sellers().stream().map(SellerQuality::csv).toList();
      String header = table.equals("cases") ? CaseSla.CSV_HEADER : SellerQuality.CSV_HEADER;
      String body = BOM + header + "\r\n" + rows.stream().map(r -> r + "\r\n").collect(Collectors.joining());
      return ResponseEntity.ok().contentType(CSV)
          .header("Content-Disposition", "attachment; filename=\"service-figures-" + table + ".csv\"").body(body);
    }
    return ResponseEntity.ok(report);
  }

  private Instant time(String field, String text) {
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(businessTime.zone()).toInstant()
          : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(field, "must be an ISO-8601 date or date-time such as 2026-11-01 or 2026-11-01T00:00:00+08:00");
    }
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(field, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
          .collect(Collectors.joining(", ")));
    }
  }
}
