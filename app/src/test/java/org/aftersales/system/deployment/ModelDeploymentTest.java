package org.aftersales.system.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.system.security.AccessCheckProcess;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every model and form that designers put in processes/ and forms/ reaches the engine, in one deployment. */
@AfterSalesIntegrationTest
class ModelDeploymentTest {

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired ModelDeployer deployer;

  @Test
  void everyFileInTheDesignersFoldersIsPackaged() throws IOException {
    List<String> onDisk = Stream.concat(
        filesIn(Path.of("..", "processes"), "processes/", ".bpmn", ".dmn"),
        filesIn(Path.of("..", "forms"), "forms/", ".form")).toList();

    assertThat(deployer.findResources().keySet())
        .as("models and forms in processes/ and forms/ that the build did not package (see <resources> in app/pom.xml)")
        .containsAll(onDisk);
  }

  @Test
  void everyPackagedModelAndFormIsInTheLatestDeployment() {
    Deployment latest = latestDeployment();

    assertThat(repositoryService.getDeploymentResourceNames(latest.getId()))
        .as("resources of deployment '%s'", ModelDeployer.DEPLOYMENT_NAME)
        .containsExactlyInAnyOrderElementsOf(deployer.findResources().keySet())
        .contains(AccessCheckProcess.RESOURCE, "forms/test-only/access-check.form");
    assertThat(repositoryService.createProcessDefinitionQuery().deploymentId(latest.getId()).list())
        .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).isNotNull());
  }

  @Test
  void aTaskFindsItsFormInTheSameDeployment() throws IOException {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(AccessCheckProcess.KEY, "form-check");
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(AccessCheckProcess.TASK_AGENT_WORK).singleResult();

    try (InputStream form = formService.getDeployedTaskForm(task.getId())) {
      assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8)).contains(AccessCheckProcess.FORM_ID);
    }
  }

  @Test
  void unchangedModelsAreNotDeployedAgain() {
    long before = repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME).count();

    Deployment again = deployer.deploy(engine);

    assertThat(again.getId()).isEqualTo(latestDeployment().getId());
    assertThat(repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME).count())
        .isEqualTo(before);
  }

  private Deployment latestDeployment() {
    return repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().list().get(0);
  }

  private static Stream<String> filesIn(Path folder, String prefix, String... endings) throws IOException {
    if (!Files.isDirectory(folder)) {
      return Stream.empty();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile)
          .map(file -> prefix + folder.relativize(file).toString().replace('\\', '/'))
          .filter(name -> Stream.of(endings).anyMatch(name::endsWith))
          .toList().stream();
    }
  }
}
