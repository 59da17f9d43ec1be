package org.aftersales.complaint;

import java.time.Clock;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import org.aftersales.cases.CaseProgress;
import org.aftersales.notification.CustomerNotification;
import org.aftersales.notification.CustomerNotifier;
import org.aftersales.notification.NotificationType;
import org.aftersales.system.security.Role;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * {@code Task_WarnSupervisors}, before the resolution limit runs out: the open complaint task goes to the top
 * of the queue (priority 100), every supervisor with an e-mail address is told, and the timeline says so.
 */
@Component
public class WarnSupervisorsDelegate implements JavaDelegate {

  private final ComplaintBook complaints;
  private final CustomerNotifier notifier;
  private final CaseProgress progress;
  private final IdentityService identity;
  private final TaskService tasks;
  private final Clock clock;

  public WarnSupervisorsDelegate(ComplaintBook complaints, CustomerNotifier notifier, CaseProgress progress,
      IdentityService identity, TaskService tasks, Clock clock) {
    this.complaints = complaints;
    this.notifier = notifier;
    this.progress = progress;
    this.identity = identity;
    this.tasks = tasks;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseId = execution.getProcessBusinessKey();
    Date due = (Date) execution.getVariable(ComplaintProcess.Var.RESOLUTION_DUE);
    String deadline = ComplaintLimits.TEXT.format(due.toInstant());
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(ComplaintProcess.Element.INVESTIGATE).list()) {
      tasks.setPriority(task.getId(), 100);
    }
    int told = 0;
    for (User supervisor : identity.createUserQuery().memberOfGroup(Role.SUPERVISORS.groupId()).list()) {
      if (supervisor.getEmail() == null || supervisor.getEmail().isBlank()) {
        continue;
      }
      notifier.queue(new CustomerNotification(caseId + "-W-" + supervisor.getId(), caseId, supervisor.getFirstName(),
          supervisor.getEmail(), null, NotificationType.SUPERVISOR_WARNING, Locale.ENGLISH, Map.of("deadline", deadline)),
          null);
      told++;
    }
    complaints.warned(caseId, clock.instant());
    progress.record(caseId, "SUPERVISORS_WARNED", "Decision due by " + deadline + ": " + told
        + " supervisor(s) warned and the task moved to the top of the queue", null);
  }
}
