package org.aftersales.sla;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.aftersales.system.Role;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the Cockpit plugin needs besides the figures: what the logged-in user may see and do (any user; the plugin
 * hides itself and the write controls the engine would refuse), and the open incidents with their case (managers).
 */
@RestController
@Tag(name = "Reports", description = "For managers")
public class ReportViewController {

  /**
   * What a user may do: read the service figures and incidents; and in Cockpit retry failed jobs, edit process
   * variables, cancel process instances, suspend or activate flows and instances (on at least one flow).
   */
  public record ViewerRights(String userId, boolean readFigures, boolean retry, boolean editVariables, boolean cancel,
      boolean suspend) {}

  private final AuthorizationService authorizations;
  private final RepositoryService repository;
  private final OpenIncidents incidents;

  public ReportViewController(AuthorizationService authorizations, RepositoryService repository,
      OpenIncidents incidents) {
    this.authorizations = authorizations;
    this.repository = repository;
    this.incidents = incidents;
  }

  @GetMapping("/api/reports/access")
  @Operation(summary = "What the logged-in user may read and change in Cockpit (for the service-figures plugin)")
  public ViewerRights access(Authentication user) {
    List<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    boolean figures = groups.contains(Role.MANAGERS.groupId()) || groups.contains(Role.ADMINISTRATORS.groupId());
    List<String> keys = repository.createProcessDefinitionQuery().latestVersion().list().stream()
        .map(ProcessDefinition::getKey).distinct().toList();
    return new ViewerRights(user.getName(), figures,
        may(user.getName(), groups, keys, List.of(ProcessDefinitionPermissions.RETRY_JOB,
            ProcessDefinitionPermissions.UPDATE_INSTANCE), List.of(ProcessInstancePermissions.RETRY_JOB, ProcessInstancePermissions.UPDATE)),
        may(user.getName(), groups, keys, List.of(ProcessDefinitionPermissions.UPDATE_INSTANCE_VARIABLE,
            ProcessDefinitionPermissions.UPDATE_INSTANCE),
            List.of(ProcessInstancePermissions.UPDATE_VARIABLE, ProcessInstancePermissions.UPDATE)),
        may(user.getName(), groups, keys, List.of(ProcessDefinitionPermissions.DELETE_INSTANCE),
            List.of(ProcessInstancePermissions.DELETE)),
        may(user.getName(), groups, keys, List.of(ProcessDefinitionPermissions.SUSPEND,
            ProcessDefinitionPermissions.SUSPEND_INSTANCE, ProcessDefinitionPermissions.UPDATE, ProcessDefinitionPermissions.UPDATE_INSTANCE),
            List.of(ProcessInstancePermissions.SUSPEND, ProcessInstancePermissions.UPDATE)));
  }

  @GetMapping("/api/reports/incidents")
  @Operation(summary = "Open incidents with their case id, flow, failed element, failure in full, since when, "
      + "and the groups that may retry them (oldest first, at most 500)")
  public List<OpenIncidents.OpenIncident> incidents() {
    return incidents.list();
  }

  /** Whether the user holds one of the permissions on one flow, or on every process instance. */
  private boolean may(String userId, List<String> groups, List<String> keys, List<Permission> onDefinition,
      List<Permission> onInstance) {
    return onInstance.stream().anyMatch(p -> granted(userId, groups, p, Resources.PROCESS_INSTANCE, "*"))
        || keys.stream().anyMatch(key -> onDefinition.stream()
            .anyMatch(p -> granted(userId, groups, p, Resources.PROCESS_DEFINITION, key)));
  }

  private boolean granted(String userId, List<String> groups, Permission permission, Resource resource, String id) {
    return authorizations.isUserAuthorized(userId, groups, permission, resource, id);
  }
}
