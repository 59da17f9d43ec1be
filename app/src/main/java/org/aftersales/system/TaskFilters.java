package org.aftersales.system;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * The queues people work in Tasklist, created at start-up if missing: their group's tasks, their own
 * tasks, and overdue ones, each sorted by due date. Without a filter Tasklist shows no list at all.
 * Every working group may read them ({@link AccessPolicy}); what a filter lists still depends on the
 * user's task permissions.
 */
@Component
public class TaskFilters extends AbstractCamundaConfiguration {

  static final String GROUP_TASKS = "My group's tasks";
  static final String MY_TASKS = "My tasks";
  static final String OVERDUE = "Overdue in my groups";

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    FilterService filters = engine.getFilterService();
    ensure(filters, GROUP_TASKS, -10, "Tasks for your groups, claimed or not, the most urgent first",
        engine.getTaskService().createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks().orderByDueDate().asc());
    ensure(filters, MY_TASKS, -5, "Tasks you claimed",
        engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc());
    ensure(filters, OVERDUE, 0, "Tasks of your groups past their due date",
        engine.getTaskService().createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks().dueBeforeExpression("${now()}").orderByDueDate().asc());
  }

  private static void ensure(FilterService filters, String name, int priority, String description, TaskQuery query) {
    if (filters.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Filter filter = filters.newTaskFilter(name);
    filter.setQuery(query);
    filter.setProperties(Map.of("priority", priority, "description", description, "refresh", true,
        "variables", List.of(Map.of("name", "orderSummary", "label", "Order"))));
    filters.saveFilter(filter);
  }
}
