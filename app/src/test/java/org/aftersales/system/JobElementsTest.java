package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: when the engine executes a job it reads the job's definition from {@code ACT_RU_JOBDEF}, for the element
 * the job belongs to and for its job log entry. {@link EngineEntityManager} gives a job its element from the
 * definitions the engine has read before, {@link HistoryRemovalTimes} its job log entry their type and configuration,
 * and the job log (which names each job's element and definition) says the same as with the engine alone. Two engines run
 * the same process (two asynchronous steps, then a timer) side by side, each on its own in-memory database, counting
 * what they read of {@code ACT_RU_JOBDEF}.
 */
class JobElementsTest {

  private static final BpmnModelInstance PROCESS = Bpmn.createExecutableProcess("job-elements")
      .camundaHistoryTimeToLive(180)
      .startEvent()
      .serviceTask("first").camundaAsyncBefore().camundaExpression("${true}")
      .serviceTask("second").camundaAsyncBefore().camundaExpression("${true}")
      .intermediateCatchEvent("wait").timerWithDuration("PT1H")
      .endEvent()
      .done();

  @Test
  void aJobIsExecutedWithoutReadingItsDefinitionAgain() {
    Run engines = run("job-elements-engine", false);
    Run ours = run("job-elements-ours", true);

    assertThat(ours.entries).hasSize(5).isEqualTo(engines.entries);
    assertThat(ours.entries).allSatisfy(entry -> assertThat(entry).doesNotContain("null"));
    // after the start: the engine reads a definition when it creates a job (for its suspension state: the second step
    // and the timer) and again when it executes each step; with ours only the first
    assertThat(engines.definitionReads).isEqualTo(4);
    assertThat(ours.definitionReads).isEqualTo(2);
  }

  private record Run(List<String> entries, int definitionReads) {}

  /** Starts the process, runs its two asynchronous steps and lists the job log: event, element, definition. */
  private static Run run(String name, boolean ours) {
    AtomicInteger definitionReads = new AtomicInteger();
    JobDefinitions definitions = new JobDefinitions();
    ProcessEngine engine = CountedEngine.build(name, ours ? List.of(new EngineEntityManager(definitions),
        new HistoryRemovalTimes(definitions, new HistoryScopes())) : List.of(),
        CountedEngine.counting(definitionReads, statement -> statement.contains("from ACT_RU_JOBDEF where ID_")));
    try {
      assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getSessionFactories()
          .get(DbEntityManager.class) instanceof EngineEntityManager.Factory).isEqualTo(ours);
      engine.getRepositoryService().createDeployment().addModelInstance("job-elements.bpmn", PROCESS).deploy();
      String instance = engine.getRuntimeService().startProcessInstanceByKey("job-elements").getId();
      definitionReads.set(0);
      for (String step : List.of("first", "second")) {
        Job job = engine.getManagementService().createJobQuery().processInstanceId(instance).activityId(step)
            .singleResult();
        engine.getManagementService().executeJob(job.getId());
      }
      List<String> entries = engine.getHistoryService().createHistoricJobLogQuery().processInstanceId(instance)
          .orderPartiallyByOccurrence().asc().list().stream().map(JobElementsTest::describe).toList();
      return new Run(entries, definitionReads.get());
    } finally {
      engine.close();
    }
  }

  private static String describe(HistoricJobLog entry) {
    String event = entry.isCreationLog() ? "created" : entry.isSuccessLog() ? "succeeded" : "other";
    boolean named = entry.getJobDefinitionId() != null
        && entry.getJobDefinitionId().matches("[0-9a-f-]{36}");
    return event + " " + entry.getActivityId() + " " + entry.getJobDefinitionType() + " "
        + entry.getJobDefinitionConfiguration() + " definition id " + (named ? "given" : "null");
  }
}
