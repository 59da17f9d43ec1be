package org.aftersales.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersales.system.CountedEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: before it grants a task's candidate group the task (and its history), the engine asks the database for a
 * grant it could add to. {@link NewTaskAuthorizations} does not ask while the engine creates the task; the grants are
 * the same. Two engines run the same process side by side, each on its own in-memory database, counting what they ask
 * of {@code ACT_RU_AUTHORIZATION}.
 */
class NewTaskAuthorizationsTest {

  private static final BpmnModelInstance PROCESS = Bpmn.createExecutableProcess("grants")
      .camundaHistoryTimeToLive(180)
      .startEvent()
      .userTask("review").camundaCandidateGroups("agents, managers")
      .userTask("inspect").camundaCandidateGroups("inspectors").camundaAssignee("ines")
      .endEvent()
      .done();

  @Test
  void aTaskBeingCreatedIsGrantedWithoutAskingTheDatabase() {
    Run engines = run("grants-engine", false);
    Run ours = run("grants-ours", true);

    assertThat(ours.grants).isEqualTo(engines.grants);
    assertThat(ours.grants).containsExactly(
        "group agents on HISTORIC_TASK: permissions 2, root given, removal time given",
        "group inspectors on HISTORIC_TASK: permissions 2, root given, removal time given",
        "group inspectors on TASK: permissions 6, root null, removal time null",
        "group managers on HISTORIC_TASK: permissions 2, root given, removal time given",
        "user ines on HISTORIC_TASK: permissions 2, root given, removal time given",
        "user ines on TASK: permissions 6, root null, removal time null");
    // the engine: each new task's groups and assignee, runtime and history; then the group added to the existing task
    assertThat(engines.asked).isEqualTo(2 * 2 + 2 * 2 + 2);
    // ours: only for the task that exists
    assertThat(ours.asked).isEqualTo(2);
  }

  private record Run(List<String> grants, int asked) {}

  /** Starts the process, adds the managers' group again to the first task, completes it; lists the grants. */
  private static Run run(String name, boolean ours) {
    AtomicInteger asked = new AtomicInteger();
    ProcessEngine engine = CountedEngine.build(name, ours ? List.of(new NewTaskAuthorizations()) : List.of(),
        CountedEngine.counting(asked, statement -> statement.matches("(?i).*from ACT_RU_AUTHORIZATION WHERE TYPE_.*")),
        configuration -> {
          configuration.setAuthorizationEnabled(true);
          configuration.setEnableHistoricInstancePermissions(true);
        });
    try {
      assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
          .getResourceAuthorizationProvider() instanceof NewTaskAuthorizations.Provider).isEqualTo(ours);
      engine.getRepositoryService().createDeployment().addModelInstance("grants.bpmn", PROCESS).deploy();
      asked.set(0);
      String instance = engine.getRuntimeService().startProcessInstanceByKey("grants").getId();
      String review = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
      engine.getTaskService().addCandidateGroup(review, "managers");
      engine.getTaskService().complete(review);
      String inspect = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
      List<String> grants = engine.getAuthorizationService().createAuthorizationQuery()
          .resourceType(Resources.TASK).resourceId(inspect).list().stream()
          .map(NewTaskAuthorizationsTest::describe).toList();
      List<String> all = new ArrayList<>(grants);
      for (Resources resource : List.of(Resources.HISTORIC_TASK)) {
        for (String task : List.of(review, inspect)) {
          engine.getAuthorizationService().createAuthorizationQuery().resourceType(resource).resourceId(task).list()
              .stream().map(NewTaskAuthorizationsTest::describe).forEach(all::add);
        }
      }
      all.sort(Comparator.naturalOrder());
      return new Run(all, asked.get());
    } finally {
      engine.close();
    }
  }

  private static String describe(Authorization grant) {
    String who = grant.getGroupId() != null ? "group " + grant.getGroupId() : "user " + grant.getUserId();
    String resource = grant.getResourceType() == Resources.TASK.resourceType() ? "TASK" : "HISTORIC_TASK";
    return who + " on " + resource + ": permissions " + ((AuthorizationEntity) grant).getPermissions() + ", root "
        + (grant.getRootProcessInstanceId() == null ? "null" : "given") + ", removal time "
        + (grant.getRemovalTime() == null ? "null" : "given");
  }
}
