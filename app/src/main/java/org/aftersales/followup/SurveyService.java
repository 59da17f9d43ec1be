package org.aftersales.followup;

import java.time.Clock;
import java.util.List;
import org.aftersales.cases.CaseProgress;
import org.aftersales.cases.CaseService;
import org.aftersales.followup.FollowUpProcess.Channel;
import org.aftersales.followup.SurveyBook.Survey;
import org.aftersales.system.web.ConflictException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The customer answers the follow-up survey through the API, once, while the follow-up waits for it. */
@Service
public class SurveyService {

  private final CaseService cases;
  private final SurveyBook surveys;
  private final RuntimeService runtime;
  private final CaseProgress progress;
  private final FollowUpLimits limits;
  private final Clock clock;

  public SurveyService(CaseService cases, SurveyBook surveys, RuntimeService runtime, CaseProgress progress,
      FollowUpLimits limits, Clock clock) {
    this.cases = cases;
    this.surveys = surveys;
    this.runtime = runtime;
    this.progress = progress;
    this.limits = limits;
    this.clock = clock;
  }

  /** Records the answers and lets the follow-up go on; 404 for unknown or foreign cases, 409 when no survey waits. */
  @Transactional
  public Survey answer(String caseId, Scores scores, String comment, String actingForCustomer) {
    cases.view(caseId, actingForCustomer);
    Execution waiting = runtime.createExecutionQuery().processDefinitionKey(FollowUpProcess.KEY)
        .processInstanceBusinessKey(caseId).messageEventSubscriptionName(FollowUpProcess.Message.SURVEY_ANSWERED)
        .singleResult();
    if (waiting == null) {
      throw notAwaited(caseId);
    }
    Survey survey;
    try {
      survey = surveys.record(waiting.getProcessInstanceId(), caseId, Channel.WEB, scores, comment, null, clock.instant());
    } catch (DuplicateKeyException raced) {
      throw new ConflictException("The survey of case " + caseId + " was answered already; it is answered once.");
    }
    runtime.createMessageCorrelation(FollowUpProcess.Message.SURVEY_ANSWERED)
        .processInstanceId(waiting.getProcessInstanceId()).setVariables(SurveyBook.variables(survey))
        .correlateWithResult();
    progress.record(caseId, "SURVEY_ANSWERED", "Thank you for answering our survey: overall "
        + survey.overall().toPlainString() + " (" + survey.grade() + ")", null);
    return survey;
  }

  private ConflictException notAwaited(String caseId) {
    List<Survey> answered = surveys.forCase(caseId);
    boolean running = runtime.createProcessInstanceQuery().processDefinitionKey(FollowUpProcess.KEY)
        .processInstanceBusinessKey(caseId).count() > 0;
    if (!running && !answered.isEmpty()) {
      return new ConflictException("The survey of case " + caseId + " was answered already; it is answered once.");
    }
    if (running && runtime.createExecutionQuery().processDefinitionKey(FollowUpProcess.KEY)
        .processInstanceBusinessKey(caseId).activityId(FollowUpProcess.Element.SURVEY_DELAY).count() > 0) {
      return new ConflictException("Case " + caseId + " has no survey yet: we send it "
          + limits.properties().delay().toDays() + " days after the case closed.");
    }
    if (running) {
      return new ConflictException("The survey of case " + caseId + " is no longer open"
          + (answered.isEmpty() ? ": the time to answer online ended; an agent will call you." : ": it was answered."));
    }
    return new ConflictException("Case " + caseId + " has no survey waiting for an answer: a survey is sent after a "
        + "case closes (not after a withdrawal), and answered once.");
  }
}
