package org.aftersales.followup;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aftersales.cases.CaseView;
import org.aftersales.followup.FollowUpProcess.Channel;
import org.aftersales.followup.FollowUpProcess.Var;
import org.aftersales.system.ByIds;
import org.aftersales.system.deployment.RuleTables;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Answered surveys ({@code as_survey}): the scores, their grade from the rule table {@code service-grade} and
 * whether they call for service recovery, from the rule table {@code service-recovery}.
 */
@Repository
public class SurveyBook {

  /** One answered survey. */
  public record Survey(String surveyId, String caseId, Channel channel, Scores scores, BigDecimal overall, String grade,
      boolean recoveryNeeded, String recoveryReason, String comment, String recordedBy, Instant answeredAt) {

    /** What the supervisor and the timeline read: the scores, the overall score and its grade, the comment. */
    public String summary() {
      return scores.text() + ". Overall " + CaseView.money(overall) + " (" + grade + ")"
          + (comment == null || comment.isBlank() ? "" : ". Comment: " + comment);
    }
  }

  private static final String SELECT = "SELECT survey_id, case_id, channel, response_speed, problem_solving, attitude, "
      + "communication, follow_up, overall, grade, recovery_needed, comment_text, recorded_by, answered_at FROM as_survey "
      + "WHERE ";

  private final JdbcTemplate jdbc;
  private final DecisionService decisions;

  public SurveyBook(JdbcTemplate jdbc, DecisionService decisions) {
    this.jdbc = jdbc;
    this.decisions = decisions;
  }

  /** Grades the scores and stores them; a second answer for the same follow-up fails with a duplicate key. */
  public Survey record(String surveyId, String caseId, Channel channel, Scores scores, String comment, String recordedBy,
      Instant at) {
    BigDecimal overall = scores.overall();
    String grade = (String) single(FollowUpProcess.GRADE_DECISION, Map.of("score", overall.doubleValue())).get("grade");
    DmnDecisionResultEntries recovery = single(FollowUpProcess.RECOVERY_DECISION,
        Map.of("overall", overall.doubleValue(), "lowest", scores.lowest()));
    boolean needed = Boolean.TRUE.equals(recovery.get("recovery"));
    Survey survey = new Survey(surveyId, caseId, channel, scores, overall, grade, needed,
        needed ? String.valueOf(recovery.get("reason")) : null, comment, recordedBy, at);
    jdbc.update("INSERT INTO as_survey (survey_id, case_id, channel, response_speed, problem_solving, attitude, "
            + "communication, follow_up, overall, grade, recovery_needed, comment_text, recorded_by, answered_at) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", surveyId, caseId, channel.name(), scores.responseSpeed(),
        scores.problemSolving(), scores.attitude(), scores.communication(), scores.followUp(), overall, grade, needed,
        comment, recordedBy, Timestamp.from(at));
    return survey;
  }

  public Optional<Survey> find(String surveyId) {
    return query("survey_id = ?", surveyId).stream().findFirst();
  }

  /** The case's answered surveys, oldest first. */
  public List<Survey> forCase(String caseId) {
    return query("case_id = ?", caseId);
  }

  /** The answered surveys of each of the cases that has any. */
  public Map<String, List<Survey>> forCases(Collection<String> caseIds) {
    Map<String, List<Survey>> surveys = new HashMap<>();
    ByIds.query(jdbc, SELECT + "case_id IN " + ByIds.IDS + " ORDER BY answered_at", caseIds, SurveyBook::survey)
        .forEach(s -> surveys.computeIfAbsent(s.caseId(), k -> new java.util.ArrayList<>()).add(s));
    return surveys;
  }

  /** The process variables the follow-up goes on with. */
  public static Map<String, Object> variables(Survey s) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Var.SURVEY_CHANNEL, s.channel().name());
    variables.put(Var.OVERALL_SCORE, CaseView.money(s.overall()));
    variables.put(Var.GRADE, s.grade());
    variables.put(Var.RECOVERY_NEEDED, s.recoveryNeeded());
    variables.put(Var.RECOVERY_REASON, s.recoveryReason());
    variables.put(Var.SURVEY_SUMMARY, s.summary());
    return variables;
  }

  private List<Survey> query(String where, String value) {
    return jdbc.query(SELECT + where + " ORDER BY answered_at", SurveyBook::survey, value);
  }

  private static Survey survey(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Survey(rs.getString(1), rs.getString(2), Channel.valueOf(rs.getString(3)), new Scores(rs.getInt(4),
        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8)), rs.getBigDecimal(9), rs.getString(10),
        rs.getBoolean(11), null, rs.getString(12), rs.getString(13), rs.getTimestamp(14).toInstant());
  }

  private DmnDecisionResultEntries single(String decision, Map<String, Object> inputs) {
    return RuleTables.single(decisions, decision, inputs);
  }
}
