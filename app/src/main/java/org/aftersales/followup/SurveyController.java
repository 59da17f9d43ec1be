package org.aftersales.followup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import org.aftersales.cases.CaseView;
import org.aftersales.system.web.IdempotencyService;
import org.aftersales.system.web.InvalidRequestException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The customer's answers to the follow-up survey (回访) after a case closed. */
@RestController
@RequestMapping("/api")
@Tag(name = "Follow-up survey", description = "The satisfaction survey sent some days after a case closed")
public class SurveyController {

  static final String CUSTOMER = "X-Customer-Id";
  static final String KEY = "Idempotency-Key";

  /** Five scores, each 100, 90, 80, 70 or 60 (the ladder of the service score), and an optional comment. */
  public record SurveyAnswer(BigDecimal responseSpeed, BigDecimal problemSolving, BigDecimal attitude,
      BigDecimal communication, BigDecimal followUp, @Size(max = 1000) String comment) {}

  /** The recorded answer: the scores, their average and its grade (EXCELLENT, GOOD, FAIR, POOR, BAD). */
  public record SurveyView(String caseId, String channel, Map<String, Integer> scores, String overall, String grade,
      String comment, Instant answeredAt) {}

  private final SurveyService surveys;
  private final IdempotencyService idempotency;

  public SurveyController(SurveyService surveys, IdempotencyService idempotency) {
    this.surveys = surveys;
    this.idempotency = idempotency;
  }

  @PostMapping("/cases/{caseId}/survey")
  @Operation(summary = "The customer answers the follow-up survey", description = "Once, after the invitation and "
      + "before the survey-wait limit; then an agent calls instead (409). Scores: 100, 90, 80, 70 or 60 for response "
      + "speed, problem solving, attitude, communication and follow-up.")
  public ResponseEntity<?> answer(@PathVariable String caseId, @RequestBody @Valid SurveyAnswer body,
      @RequestHeader(name = KEY, required = false) String key,
      @RequestHeader(name = CUSTOMER, required = false) String actingFor, Principal caller) {
    Map<String, Object> given = new java.util.HashMap<>();
    given.put("responseSpeed", body.responseSpeed());
    given.put("problemSolving", body.problemSolving());
    given.put("attitude", body.attitude());
    given.put("communication", body.communication());
    given.put("followUp", body.followUp());
    Scores scores = Scores.parse(given::get, name -> name, InvalidRequestException::new);
    String comment = body.comment() == null || body.comment().isBlank() ? null : body.comment().strip();
    if (FollowUpText.markup(comment)) {
      throw new InvalidRequestException("comment", "must be plain text, without HTML or script markup");
    }
    return idempotency.execute(caller.getName() + ":survey:" + caseId, key, body, () -> {
      SurveyBook.Survey s = surveys.answer(caseId, scores, comment, actingFor);
      return ResponseEntity.ok(new SurveyView(s.caseId(), s.channel().name(), s.scores().byDimension(),
          CaseView.money(s.overall()), s.grade(), s.comment(), s.answeredAt()));
    });
  }
}
