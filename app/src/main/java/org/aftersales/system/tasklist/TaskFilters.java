package org.aftersales.system.tasklist;

import java.util.List;
import java.util.Map;
import org.aftersales.system.security.AccessPolicy;
import org.aftersales.system.security.Role;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * The queues people work in Tasklist, created at start-up if missing: their group's tasks, their own
 * tasks, those due today and those overdue, each sorted by due date, and for supervisors the escalations
 * (every overdue task of the flows they oversee). Without a filter Tasklist shows no list at all. Each filter
 * is readable by the groups it is for (managers and administrators read all); what it lists still depends on
 * the user's task permissions. "Today" is the server's day ({@code dateTime()} in the engine's time zone).
 */
@Component
public class TaskFilters extends AbstractCamundaConfiguration {

  static final String GROUP_TASKS = "我的组的任务 My group's tasks";
  static final String MY_TASKS = "我的任务 My tasks";
  static final String DUE_TODAY = "今天到期 Due today in my groups";
  static final String OVERDUE = "已逾期 Overdue in my groups";
  static final String ESCALATIONS = "升级：全部逾期 Escalations: overdue everywhere";
  /** The English names of earlier releases, renamed at start-up (a filter is found by its name). */
  static final Map<String, String> EARLIER_NAMES = Map.of(GROUP_TASKS, "My group's tasks", MY_TASKS, "My tasks",
      DUE_TODAY, "Due today in my groups", OVERDUE, "Overdue in my groups", ESCALATIONS,
      "Escalations: overdue everywhere");

  private static final String START_OF_TODAY = "${dateTime().withTimeAtStartOfDay().toDate()}";
  private static final String START_OF_TOMORROW = "${dateTime().withTimeAtStartOfDay().plusDays(1).toDate()}";
  private static final String NOW = "${now()}";

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    FilterService filters = engine.getFilterService();
    AuthorizationService authorizations = engine.getAuthorizationService();
    List<Role> workers = AccessPolicy.workingRoles();
    ensure(filters, authorizations, workers, GROUP_TASKS, -10,
        "你所在组的任务（已认领或未认领），最紧急的在前 Tasks for your groups, claimed or not, the most urgent first", groupQueue(engine).orderByDueDate().asc());
    ensure(filters, authorizations, workers, MY_TASKS, -5, "你已认领的任务 Tasks you claimed",
        engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc());
    ensure(filters, authorizations, workers, DUE_TODAY, -2, "你所在组今天午夜前到期的任务 Tasks of your groups due before midnight",
        groupQueue(engine).dueAfterExpression(START_OF_TODAY).dueBeforeExpression(START_OF_TOMORROW)
            .orderByDueDate().asc());
    ensure(filters, authorizations, workers, OVERDUE, 0, "你所在组已过截止时间的任务 Tasks of your groups past their due date",
        groupQueue(engine).dueBeforeExpression(NOW).orderByDueDate().asc());
    ensure(filters, authorizations, List.of(Role.SUPERVISORS), ESCALATIONS, 5,
        "你所监管流程中所有逾期的任务，逾期最久的在前：改派或接手 Every overdue task of the flows you oversee, the longest "
            + "overdue first: reassign it or take it",
        engine.getTaskService().createTaskQuery().dueBeforeExpression(NOW).orderByDueDate().asc());
  }

  private static TaskQuery groupQueue(ProcessEngine engine) {
    return engine.getTaskService().createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
        .includeAssignedTasks();
  }

  private static void ensure(FilterService filters, AuthorizationService authorizations, List<Role> readers, String name,
      int priority, String description, TaskQuery query) {
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filters.createFilterQuery().filterName(EARLIER_NAMES.get(name)).singleResult();
    }
    if (filter == null || !name.equals(filter.getName())) {
      // new, or of an earlier release: named in Chinese and English, and without the "Order" column that the working
      // groups could never fill (they may not read process variables; the task's name carries the case instead)
      filter = filter == null ? filters.newTaskFilter(name) : filter.setName(name);
      filter.setQuery(query);
      filter.setProperties(Map.of("priority", priority, "description", description, "refresh", true));
      filters.saveFilter(filter);
    }
    for (Role reader : readers) {
      if (authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
          .groupIdIn(reader.groupId()).resourceType(Resources.FILTER).resourceId(filter.getId()).count() == 0) {
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(reader.groupId());
        grant.setResource(Resources.FILTER);
        grant.setResourceId(filter.getId());
        grant.addPermission(Permissions.READ);
        authorizations.saveAuthorization(grant);
      }
    }
  }
}
