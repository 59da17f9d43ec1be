package org.aftersales.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** A case's history as staff read it: in the staff's voice and language, times in the business zone. */
@RestController
@Tag(name = "Cases")
public class CaseHistoryController {

  /** The stage and timeline for staff. */
  public record StaffHistory(String caseId, String language, String stage, List<StaffTexts.Line> timeline) {}

  private final CaseRepository cases;
  private final StaffTexts texts;

  public CaseHistoryController(CaseRepository cases, StaffTexts texts) {
    this.cases = cases;
    this.texts = texts;
  }

  @GetMapping("/api/cases/{caseId}/history")
  @Operation(summary = "A case's history for staff", description = "Stage and timeline written for staff "
      + "(\"Customer e-mailed: ...\", not the customer's \"We e-mailed you: ...\"), in Simplified Chinese unless "
      + "Accept-Language asks for English first; times for people in the business zone (aftersales.business.zone). "
      + "Staff only; shops read GET /api/cases/{caseId}.")
  public StaffHistory history(@PathVariable String caseId,
      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
    CaseRecord c = cases.find(caseId).orElseThrow(() -> CaseService.unknown(caseId));
    String language = StaffTexts.language(acceptLanguage == null ? null : acceptLanguage.split("[,;]")[0].strip());
    return new StaffHistory(caseId, language, texts.in(language, c.stage()), texts.lines(cases.timeline(caseId), language));
  }
}
