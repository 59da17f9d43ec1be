package org.aftersales.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aftersales.notification.NotificationStore;
import org.aftersales.notification.NotificationStore.FailedNotification;
import org.aftersales.system.security.Role;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The open incidents with their case: the case id (the process instance's business key), the case's flow, the
 * element that failed, the failure in full (the incident's message, and for a failed job the last cause in its stack
 * trace), since when, and which groups may retry it (or, for incidents that are not retried, resolve it) by the
 * engine's authorizations. Notices the relay gave up on (status FAILED in the outbox) follow, as incidents of type
 * {@value #FAILED_NOTIFICATION} with id {@code notification:<id>}, which operators retry at
 * {@code POST /api/notifications/<id>/retry}.
 */
@Component
public class OpenIncidents {

  /** One open incident. */
  public record OpenIncident(String incidentId, String caseId, String processDefinitionKey, String processInstanceId,
      String activityId, String incidentType, String message, String cause, Instant since, List<String> mayRetry) {}

  /** Incident types that go away when retried; others are resolved. */
  private static final Set<String> RETRIED = Set.of("failedJob", "failedExternalTask");
  /** Most incidents listed at once, oldest first. */
  static final int MAX = 500;
  /** The type of a notice that could not be sent after every attempt. */
  public static final String FAILED_NOTIFICATION = "failedNotification";
  /** Who may retry a failed notice (as {@code /api/notifications/**} allows). */
  private static final List<String> NOTIFICATION_RETRIERS = List.of(Role.groupIds(Role.MANAGERS, Role.ADMINISTRATORS));

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final ManagementService management;
  private final Grants grants;

  private final NotificationStore notifications;

  OpenIncidents(RuntimeService runtime, RepositoryService repository, ManagementService management, Grants grants,
      NotificationStore notifications) {
    this.notifications = notifications;
    this.runtime = runtime;
    this.repository = repository;
    this.management = management;
    this.grants = grants;
  }

  public List<OpenIncident> list() {
    List<Incident> incidents = runtime.createIncidentQuery().orderByIncidentTimestamp().asc().listPage(0, MAX);
    Map<String, ProcessInstance> instances = new HashMap<>();
    String[] ids = incidents.stream().map(Incident::getProcessInstanceId).filter(java.util.Objects::nonNull).distinct()
        .toArray(String[]::new);
    if (ids.length > 0) {
      runtime.createProcessInstanceQuery().processInstanceIds(Set.of(ids)).list().forEach(pi -> instances.put(pi.getId(), pi));
    }
    Map<String, String> keys = new HashMap<>();
    Map<String, List<String>> retriers = new HashMap<>();
    List<OpenIncident> open = new ArrayList<>();
    for (Incident incident : incidents) {
      ProcessInstance pi = instances.get(incident.getProcessInstanceId());
      String key = incident.getProcessDefinitionId() == null ? null : keys.computeIfAbsent(incident.getProcessDefinitionId(),
          id -> {
            ProcessDefinition definition = repository.getProcessDefinition(id);
            return definition == null ? null : definition.getKey();
          });
      boolean retried = RETRIED.contains(incident.getIncidentType());
      List<String> may = key == null ? List.of() : retriers.computeIfAbsent(key + "#" + retried, k -> whoMay(key, retried));
      open.add(new OpenIncident(incident.getId(), pi == null ? null : pi.getBusinessKey(), key,
          incident.getProcessInstanceId(), incident.getActivityId(), incident.getIncidentType(),
          incident.getIncidentMessage(), cause(incident), incident.getIncidentTimestamp().toInstant(), may));
    }
    for (FailedNotification failed : notifications.failed()) {
      if (open.size() >= MAX) {
        break;
      }
      open.add(new OpenIncident("notification:" + failed.notificationId(), failed.caseId(), null, null, null,
          FAILED_NOTIFICATION, "Mail " + failed.type() + " to " + failed.recipient() + " (\"" + failed.subject()
          + "\") not sent after " + failed.attempts() + " attempts; retry: POST /api/notifications/"
          + failed.notificationId() + "/retry", failed.lastError(), failed.failedAt(), NOTIFICATION_RETRIERS));
    }
    return open;
  }

  /** The last "Caused by" line of a failed job's stack trace, or its first line; null for other incidents. */
  private String cause(Incident incident) {
    if (!"failedJob".equals(incident.getIncidentType()) || incident.getConfiguration() == null) {
      return null;
    }
    try {
      String trace = management.getJobExceptionStacktrace(incident.getConfiguration());
      if (trace == null) {
        return null;
      }
      List<String> lines = trace.lines().toList();
      return lines.stream().filter(l -> l.startsWith("Caused by: ")).reduce((a, b) -> b)
          .map(l -> l.substring("Caused by: ".length())).orElse(lines.isEmpty() ? null : lines.get(0));
    } catch (RuntimeException e) {
      return null; // the job is gone meanwhile (retried): the message stays
    }
  }

  /** The groups whose authorizations let them retry (or resolve) an incident of this flow. */
  private List<String> whoMay(String key, boolean retried) {
    List<Permission> onDefinition = retried
        ? List.of(ProcessDefinitionPermissions.RETRY_JOB, ProcessDefinitionPermissions.UPDATE_INSTANCE)
        : List.of(ProcessDefinitionPermissions.UPDATE_INSTANCE);
    List<Permission> onInstance = retried
        ? List.of(ProcessInstancePermissions.RETRY_JOB, ProcessInstancePermissions.UPDATE)
        : List.of(ProcessInstancePermissions.UPDATE);
    return Role.staff().stream().map(Role::groupId)
        .filter(group -> grants.anyOf(Grants.ANY_MEMBER, List.of(group), List.of(key), onDefinition, onInstance)).toList();
  }
}
