package org.aftersales.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.aftersales.system.security.Role;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Open user tasks per candidate group ({@code aftersales_tasks_open{group}}), claimed or not, and those of them past
 * their due date ({@code aftersales_tasks_overdue{group}}), for every group in {@link Role}. Counted by the engine
 * and kept for {@code aftersales.metrics.tasks-max-age}, so that frequent scrapes do not each query the database.
 * A task with several candidate groups counts in each.
 */
@Component
@EnableConfigurationProperties(MetricsProperties.class)
public class TaskMetrics implements MeterBinder {

  static final String OPEN = "aftersales.tasks.open";
  static final String OVERDUE = "aftersales.tasks.overdue";

  /** The counts of one group at one moment. */
  record GroupTasks(long open, long overdue) {}

  private final TaskService tasks;
  private final SystemReads reads;
  private final Clock clock;
  private final Map<String, Cached<GroupTasks>> groups = new LinkedHashMap<>();

  public TaskMetrics(TaskService tasks, SystemReads reads, Clock clock, MetricsProperties properties) {
    this.tasks = tasks;
    this.reads = reads;
    this.clock = clock;
    for (Role role : Role.values()) {
      groups.put(role.groupId(), new Cached<>(() -> count(role.groupId()), clock, properties.tasksMaxAge()));
    }
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    groups.forEach((group, counts) -> {
      gauge(registry, OPEN, "Open user tasks of a candidate group, claimed or not", group, counts, GroupTasks::open);
      gauge(registry, OVERDUE, "Open user tasks of a candidate group past their due date", group, counts,
          GroupTasks::overdue);
    });
  }

  private static void gauge(MeterRegistry registry, String name, String description, String group,
      Cached<GroupTasks> counts, ToLongFunction<GroupTasks> value) {
    Gauge.builder(name, counts, c -> {
      GroupTasks current = c.get();
      return current == null ? Double.NaN : value.applyAsLong(current);
    }).description(description).tag("group", group).register(registry);
  }

  /** Both counts of a group now; null if the engine could not be asked. */
  private GroupTasks count(String group) {
    return reads.read("the open tasks of group " + group, () -> {
      Date now = Date.from(clock.instant());
      return new GroupTasks(query(group).count(), query(group).dueBefore(now).count());
    }).orElse(null);
  }

  private TaskQuery query(String group) {
    return tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks();
  }
}
