package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.aftersales.AfterSalesApplication;
import org.aftersales.Isolated;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** On the embedded default, a case started before a restart is still there, where it was, after it. */
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

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(AfterSalesApplication.class)
        .run("--server.port=0", "--aftersales.data-dir=" + dataDir);
  }
}
