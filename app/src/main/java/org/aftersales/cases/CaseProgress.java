package org.aftersales.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes what a process does into its case record, as the diagram's properties say (see
 * {@link CaseProgressPlugin}): the stage and due date the customer reads, timeline entries, and the
 * outcome that closes the case. Runs in the engine's transaction, so record and process agree. A case that
 * closes is announced as a {@link CaseClosed} event, in the same engine command (the follow-up visit starts on it;
 * the metrics count it once the transaction has committed).
 */
@Component
public class CaseProgress {

  /** A case was closed just now, in the running engine command and transaction. */
  public record CaseClosed(String caseId, Outcome outcome) {}

  private final CaseRepository cases;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  public CaseProgress(CaseRepository cases, Clock clock, ApplicationEventPublisher events) {
    this.cases = cases;
    this.clock = clock;
    this.events = events;
  }

  void entered(DelegateExecution execution, String elementId, String stage, String dueAt, String outcome) {
    String caseId = execution.getProcessBusinessKey();
    if (caseId == null) {
      return;
    }
    String stageText = stage == null ? null : text(execution, stage);
    if (outcome != null) {
      Outcome closedAs = Outcome.valueOf(text(execution, outcome));
      String finalStage = stageText != null ? stageText : closedAs.name();
      if (cases.close(caseId, closedAs, finalStage, clock.instant())) {
        cases.addEvent(caseId, clock.instant(), elementId, "Case closed: " + finalStage, null);
        events.publishEvent(new CaseClosed(caseId, closedAs));
      }
      return;
    }
    Instant due = dueAt == null ? null : instant(value(execution, dueAt));
    if (stageText != null) {
      cases.updateStage(caseId, stageText, due);
    }
  }

  void passed(DelegateExecution execution, String elementId, String timeline) {
    String caseId = execution.getProcessBusinessKey();
    // an element cut short (a timer, a withdrawal) did not do what its timeline entry says
    if (caseId != null && !execution.isCanceled()) {
      String text = text(execution, timeline);
      if (!text.isBlank()) {
        cases.addEvent(caseId, clock.instant(), elementId, text, null);
      }
    }
  }

  /** Adds a timeline entry for something that happened outside the diagram (an event, a notification). */
  public void record(String caseId, String code, String text, String actor) {
    cases.addEvent(caseId, clock.instant(), code, text, actor);
  }

  private static String text(DelegateExecution execution, String expression) {
    return String.valueOf(value(execution, expression));
  }

  private static Object value(DelegateExecution execution, String expression) {
    if (!expression.contains("${") && !expression.contains("#{")) {
      return expression;
    }
    return Context.getProcessEngineConfiguration().getExpressionManager()
        .createExpression(expression).getValue(execution);
  }

  private static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Date date) {
      return date.toInstant();
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    return OffsetDateTime.parse(value.toString()).toInstant();
  }
}
