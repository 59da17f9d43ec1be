package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.aftersales.AfterSalesApplication;
import org.aftersales.Isolated;
import org.aftersales.system.security.AccessCheckProcess;
import org.aftersales.system.security.AccessPolicy;
import org.aftersales.system.security.Role;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * On the embedded default, a case started before a restart is still there, where it was, after it; and
 * permissions an earlier release granted, and this one no longer does, are gone after it.
 */
@Isolated
class RestartKeepsDataTest {

  @TempDir Path dataDir;

  @Test
  void aProcessInstanceSurvivesARestartOnTheSameH2File() {
    String instanceId;
    long deployments;
    try (ConfigurableApplicationContext app = start()) {
      instanceId = app.getBean(RuntimeService.class)
          .startProcessInstanceByKey(AccessCheckProcess.KEY, "before-restart").getId();
      deployments = app.getBean(RepositoryService.class).createDeploymentQuery().count();
    }

    try (ConfigurableApplicationContext app = start()) {
      RuntimeService runtimeService = app.getBean(RuntimeService.class);
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("before-restart")
          .singleResult().getId()).isEqualTo(instanceId);
      assertThat(app.getBean(TaskService.class).createTaskQuery().processInstanceId(instanceId).list())
          .extracting(Task::getTaskDefinitionKey)
          .containsExactlyInAnyOrder(AccessCheckProcess.TASK_AGENT_WORK, AccessCheckProcess.TASK_INSPECTOR_WORK);
      assertThat(app.getBean(RepositoryService.class).createDeploymentQuery().count())
          .as("unchanged models are not deployed again").isEqualTo(deployments);
    }
  }

  @Test
  void permissionsNoLongerGrantedAreTakenBackAtStartUp() {
    try (ConfigurableApplicationContext app = start()) {
      // the designers' grants as an earlier release made them
      AuthorizationService authorizations = app.getBean(AuthorizationService.class);
      for (AccessPolicy.Grant grant : AccessPolicy.withdrawn()) {
        Authorization existing = designers(authorizations, grant);
        if (existing == null) {
          // a grant this release makes no more at all (reading the user list): as an earlier release made it
          existing = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
          existing.setGroupId(grant.role().groupId());
          existing.setResource(grant.resource());
          existing.setResourceId(grant.resourceId());
        }
        grant.permissions().forEach(existing::addPermission);
        authorizations.saveAuthorization(existing);
      }
      // a task's grant to its candidate group as an earlier release made it: UPDATE, writing any of its variables
      Authorization taskGrant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      taskGrant.setGroupId(Role.AGENTS.groupId());
      taskGrant.setResource(Resources.TASK);
      taskGrant.setResourceId("task-of-an-earlier-release");
      taskGrant.addPermission(Permissions.READ);
      taskGrant.addPermission(Permissions.UPDATE);
      authorizations.saveAuthorization(taskGrant);
    }

    try (ConfigurableApplicationContext app = start()) {
      AuthorizationService authorizations = app.getBean(AuthorizationService.class);
      for (AccessPolicy.Grant grant : AccessPolicy.withdrawn()) {
        Authorization after = designers(authorizations, grant);
        if (grant.resource().resourceType() == Resources.USER.resourceType()) {
          // the user list: taken back whole or in part
          assertThat(after == null || grant.permissions().stream().noneMatch(after::isPermissionGranted))
              .as(grant.toString()).isTrue();
          continue;
        }
        assertThat(grant.permissions()).as(grant.toString()).noneMatch(after::isPermissionGranted);
        assertThat(after.isPermissionGranted(org.camunda.bpm.engine.authorization.Permissions.READ))
            .as("what is still granted stays").isTrue();
      }
      Authorization taskGrant = authorizations.createAuthorizationQuery().groupIdIn(Role.AGENTS.groupId())
          .resourceType(Resources.TASK).resourceId("task-of-an-earlier-release").singleResult();
      assertThat(taskGrant.isPermissionGranted(Permissions.UPDATE)).as("UPDATE on an open task of before").isFalse();
      assertThat(taskGrant.isPermissionGranted(TaskPermissions.TASK_WORK)).as("worked through its form").isTrue();
      assertThat(taskGrant.isPermissionGranted(Permissions.READ)).as("still read").isTrue();
    }
  }

  private static Authorization designers(AuthorizationService authorizations, AccessPolicy.Grant grant) {
    return authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(grant.role().groupId()).resourceType(grant.resource()).resourceId(grant.resourceId())
        .singleResult();
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(AfterSalesApplication.class)
        .run("--server.port=0", "--aftersales.data-dir=" + dataDir);
  }
}
