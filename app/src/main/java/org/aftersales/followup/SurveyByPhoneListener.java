package org.aftersales.followup;

import static org.aftersales.followup.FollowUpProcess.Var;

import java.time.Clock;
import java.util.Map;
import org.aftersales.cases.CaseProgress;
import org.aftersales.followup.FollowUpProcess.Channel;
import org.aftersales.followup.SurveyBook.Survey;
import org.aftersales.system.web.InvalidRequestException.FieldProblem;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.stereotype.Component;

/**
 * Completion of {@code Task_CallCustomer}: the agent either reached the customer and records the five answers
 * (stored with channel PHONE, graded like a web answer), or could not reach them, which ends the follow-up
 * without scores. Tasklist shows what is wrong and the task stays open.
 */
@Component
public class SurveyByPhoneListener implements TaskListener {

  private static final Map<String, String> FIELDS = Map.of("responseSpeed", Var.SCORE_RESPONSE_SPEED,
      "problemSolving", Var.SCORE_PROBLEM_SOLVING, "attitude", Var.SCORE_ATTITUDE,
      "communication", Var.SCORE_COMMUNICATION, "followUp", Var.SCORE_FOLLOW_UP);
  private static final Map<String, String> LABELS = Map.of(Var.SCORE_RESPONSE_SPEED, "Response speed",
      Var.SCORE_PROBLEM_SOLVING, "Problem solving", Var.SCORE_ATTITUDE, "Attitude",
      Var.SCORE_COMMUNICATION, "Communication", Var.SCORE_FOLLOW_UP, "Follow-up");

  private final SurveyBook surveys;
  private final CaseProgress progress;
  private final Clock clock;

  public SurveyByPhoneListener(SurveyBook surveys, CaseProgress progress, Clock clock) {
    this.surveys = surveys;
    this.progress = progress;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    String caseId = task.getExecution().getProcessBusinessKey();
    Object reached = task.getVariable(Var.CUSTOMER_REACHED);
    if (!(reached instanceof Boolean) && !"true".equals(reached) && !"false".equals(reached)) {
      throw new NotValidException("Customer reached: say whether you reached the customer");
    }
    String notes = FollowUpText.optional(task.getVariable(Var.CALL_NOTES), 2000, "Notes");
    if (!Boolean.parseBoolean(reached.toString())) {
      task.setVariable(Var.CUSTOMER_REACHED, false);
      progress.record(caseId, "FOLLOW_UP_NOT_REACHED", "Follow-up call: we could not reach you"
          + (notes == null ? "" : " (" + notes + ")"), task.getAssignee());
      return;
    }
    task.setVariable(Var.CUSTOMER_REACHED, true);
    Scores scores = Scores.parse(name -> task.getVariable(FIELDS.get(name)), name -> LABELS.get(FIELDS.get(name)),
        problems -> new NotValidException(String.join("; ", problems.stream()
            .map((FieldProblem p) -> p.field() + ": choose one of 100, 90, 80, 70, 60").toList())));
    String comment = FollowUpText.optional(task.getVariable(Var.SURVEY_COMMENT), 1000, "Customer's comment");
    Survey survey = surveys.record(task.getProcessInstanceId(), caseId, Channel.PHONE, scores, comment,
        task.getAssignee(), clock.instant());
    task.getExecution().setVariables(SurveyBook.variables(survey));
    progress.record(caseId, "SURVEY_ANSWERED", "Survey answered on the phone: overall "
        + survey.overall().toPlainString() + " (" + survey.grade() + ")", task.getAssignee());
  }
}
