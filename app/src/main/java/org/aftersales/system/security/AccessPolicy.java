package org.aftersales.system.security;

import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.BATCH;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.GROUP;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_TASK;
import static org.camunda.bpm.engine.authorization.Resources.OPERATION_LOG_CATEGORY;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.SYSTEM;
import static org.camunda.bpm.engine.authorization.Resources.TASK;
import static org.camunda.bpm.engine.authorization.Resources.USER;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.SystemPermissions;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;

/**
 * Who may see and do what in the engine and its webapps, as Camunda authorizations per group.
 *
 * <p>Tasks need no grant here: when a model names a candidate group, the engine itself gives that group
 * read and work rights on the task, so each group sees only the tasks of its own queue. Administrators
 * hold every permission; shop integrations use the shop API only and have none here.
 */
public final class AccessPolicy {

  /** A grant of permissions on one resource (or {@code *}) to one group. */
  public record Grant(Role role, Resource resource, String resourceId, List<Permission> permissions) {}

  /** Process definition keys of the flows in processes/ that each working role takes part in. */
  static final Map<Role, List<String>> FLOWS = Map.of(
      Role.AGENTS, List.of("return-request", "repair-request", "follow-up-visit"),
      Role.INSPECTORS, List.of("return-request", "repair-request"),
      Role.TECHNICIANS, List.of("repair-request"),
      Role.COMPLAINT_HANDLERS, List.of("complaint"),
      Role.SUPERVISORS, List.of("return-request", "refund-payment", "repair-request", "complaint", "follow-up-visit"),
      Role.FINANCE, List.of("return-request", "refund-payment", "repair-request", "complaint"));

  private static final String ANY = "*";

  private AccessPolicy() {}

  /** The roles that work tasks in Tasklist; {@link org.aftersales.system.tasklist.TaskFilters} gives them their queues. */
  public static List<Role> workingRoles() {
    return FLOWS.keySet().stream().sorted().toList();
  }

  /**
   * Grants that earlier releases made and this one no longer does, taken back at start-up: every filter for
   * every working group (now each filter names its groups, so that only supervisors see the escalations).
   */
  public static List<Grant> retired() {
    return workingRoles().stream().map(role -> grant(role, FILTER, ANY, Permissions.READ)).toList();
  }

  /**
   * Permissions that earlier releases granted within grants this one still makes, taken back at start-up:
   * designers' deleting of deployments and reading of the cases' history; everyone's listing of the users
   * (only administrators, who manage users, list them; each user reads their own profile).
   */
  public static List<Grant> withdrawn() {
    List<Grant> withdrawn = new ArrayList<>(List.of(grant(Role.DESIGNERS, DEPLOYMENT, ANY, Permissions.DELETE),
        grant(Role.DESIGNERS, PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ_HISTORY)));
    for (Role role : Role.values()) {
      if (role != Role.ADMINISTRATORS) {
        withdrawn.add(grant(role, USER, ANY, Permissions.READ));
      }
    }
    return withdrawn;
  }

  public static List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    FLOWS.forEach((role, keys) -> {
      grants.add(grant(role, APPLICATION, "tasklist", Permissions.ACCESS));
      grants.add(grant(role, GROUP, ANY, Permissions.READ));
      for (String key : keys) {
        grants.add(role == Role.SUPERVISORS
            // supervisors oversee their teams' queues: they may read and reassign every task of a flow, and
            // retry a call to a carrier or payment provider that ran out of retries (an incident in Cockpit)
            // once the outside system is back
            ? grant(role, PROCESS_DEFINITION, key, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.TASK_ASSIGN,
                ProcessDefinitionPermissions.TASK_WORK, ProcessDefinitionPermissions.RETRY_JOB)
            : grant(role, PROCESS_DEFINITION, key, ProcessDefinitionPermissions.READ));
      }
    });
    grants.add(grant(Role.SUPERVISORS, APPLICATION, "cockpit", Permissions.ACCESS));

    // managers read everything and change nothing
    Role m = Role.MANAGERS;
    grants.add(grant(m, APPLICATION, "cockpit", Permissions.ACCESS));
    grants.add(grant(m, APPLICATION, "tasklist", Permissions.ACCESS));
    grants.add(grant(m, PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_TASK));
    grants.add(grant(m, PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ));
    grants.add(grant(m, TASK, ANY, TaskPermissions.READ));
    grants.add(grant(m, HISTORIC_TASK, ANY, HistoricTaskPermissions.READ));
    grants.add(grant(m, HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ));
    grants.add(grant(m, DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY));
    grants.add(grant(m, DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));
    grants.add(grant(m, DEPLOYMENT, ANY, Permissions.READ));
    grants.add(grant(m, BATCH, ANY, BatchPermissions.READ, BatchPermissions.READ_HISTORY));
    grants.add(grant(m, OPERATION_LOG_CATEGORY, ANY, UserOperationLogCategoryPermissions.READ));
    grants.add(grant(m, GROUP, ANY, Permissions.READ));
    grants.add(grant(m, FILTER, ANY, Permissions.READ));
    grants.add(grant(m, SYSTEM, ANY, SystemPermissions.READ));

    // designers deploy models (from Camunda Modeler through /engine-rest) and look at definitions; they neither
    // delete deployments (with cascade that would delete every running case of them) nor read the cases' history
    // (it holds the customers' contact data)
    Role d = Role.DESIGNERS;
    grants.add(grant(d, APPLICATION, "cockpit", Permissions.ACCESS));
    grants.add(grant(d, DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ));
    grants.add(grant(d, PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.UPDATE));
    grants.add(grant(d, DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY));
    grants.add(grant(d, DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));
    grants.add(grant(d, GROUP, ANY, Permissions.READ));

    // administrators: everything, as Camunda's own admin set-up grants (the webapps check these rows)
    for (Resources resource : Resources.values()) {
      grants.add(grant(Role.ADMINISTRATORS, resource, ANY, Permissions.ALL));
    }
    return grants;
  }

  private static Grant grant(Role role, Resource resource, String resourceId, Permission... permissions) {
    return new Grant(role, resource, resourceId, List.of(permissions));
  }
}
