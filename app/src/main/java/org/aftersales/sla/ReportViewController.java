package org.aftersales.sla;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.aftersales.system.security.Role;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
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

  private final Grants grants;
  private final RepositoryService repository;
  private final OpenIncidents incidents;

  ReportViewController(Grants grants, RepositoryService repository, OpenIncidents incidents) {
    this.grants = grants;
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
    String id = user.getName();
    return new ViewerRights(id, figures,
        grants.anyOf(id, groups, keys, List.of(ProcessDefinitionPermissions.RETRY_JOB,
            ProcessDefinitionPermissions.UPDATE_INSTANCE),
            List.of(ProcessInstancePermissions.RETRY_JOB, ProcessInstancePermissions.UPDATE)),
        grants.anyOf(id, groups, keys, List.of(ProcessDefinitionPermissions.UPDATE_INSTANCE_VARIABLE,
            ProcessDefinitionPermissions.UPDATE_INSTANCE),
            List.of(ProcessInstancePermissions.UPDATE_VARIABLE, ProcessInstancePermissions.UPDATE)),
        grants.anyOf(id, groups, keys, List.of(ProcessDefinitionPermissions.DELETE_INSTANCE),
            List.of(ProcessInstancePermissions.DELETE)),
        grants.anyOf(id, groups, keys, List.of(ProcessDefinitionPermissions.SUSPEND,
            ProcessDefinitionPermissions.SUSPEND_INSTANCE, ProcessDefinitionPermissions.UPDATE,
            ProcessDefinitionPermissions.UPDATE_INSTANCE),
            List.of(ProcessInstancePermissions.SUSPEND, ProcessInstancePermissions.UPDATE)));
  }

  @GetMapping("/api/reports/incidents")
  @Operation(summary = "Open incidents with their case id, flow, failed element, failure in full, since when, "
      + "and the groups that may retry them (oldest first, at most 500)")
  public List<OpenIncidents.OpenIncident> incidents() {
    return incidents.list();
  }
}
