package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: whenever a job is deleted, the engine looks for failed-job incidents that name it.
 * {@link FailedJobIncidents} does not look for those of a job that has retries left and never failed; the incidents
 * are the same. Two engines run the same cases side by side, each on its own in-memory database, counting their
 * look-ups in {@code ACT_RU_INCIDENT}.
 */
class FailedJobIncidentsTest {

  private static final BpmnModelInstance PROCESS = Bpmn.createExecutableProcess("incidents")
      .camundaHistoryTimeToLive(180)
      .startEvent()
      .serviceTask("charge").camundaAsyncBefore().camundaExpression("${fail ? notThere.call() : true}")
      .userTask("wait")
      .boundaryEvent("late").timerWithDuration("PT1H").endEvent("gaveUp")
      .moveToActivity("wait").endEvent("done")
      .done();

  @Test
  void aJobThatNeverFailedIsDeletedWithoutLookingForItsIncident() {
    Run engines = run("incidents-engine", false);
    Run ours = run("incidents-ours", true);

    assertThat(ours.incidents).isEqualTo(engines.incidents)
        .containsExactly("failedJob at charge: resolved, Unknown property used in expression");
    // the engine: the failed job's retries given back and its success, then each job that never failed (the other
    // case's step, each case's cancelled timer)
    assertThat(engines.lookups).isEqualTo(5);
    // ours: only the failed job's
    assertThat(ours.lookups).isEqualTo(2);
  }

  private record Run(List<String> incidents, int lookups) {}

  /**
   * One case whose step fails until its retries are spent, is given one more and then succeeds; one whose step
   * succeeds at once; in both the task is done before its timer is due.
   */
  private static Run run(String name, boolean ours) {
    AtomicInteger lookups = new AtomicInteger();
    ProcessEngine engine = CountedEngine.build(name, ours ? List.of(new FailedJobIncidents()) : List.of(),
        // looked up to resolve them (not to see whether a failing job has one already: with its incident type)
        CountedEngine.counting(lookups, statement -> statement.contains("from ACT_RU_INCIDENT I where I.CONFIGURATION_")
            && !statement.contains("INCIDENT_TYPE_")));
    try {
      assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getIncidentHandlers()
          .get("failedJob") instanceof FailedJobIncidents.Handler).isEqualTo(ours);
      engine.getRepositoryService().createDeployment().addModelInstance("incidents.bpmn", PROCESS).deploy();
      String failing = engine.getRuntimeService().startProcessInstanceByKey("incidents", Map.of("fail", true)).getId();
      String passing = engine.getRuntimeService().startProcessInstanceByKey("incidents", Map.of("fail", false)).getId();
      Job job = engine.getManagementService().createJobQuery().processInstanceId(failing).singleResult();
      for (int attempt = 0; attempt < 3; attempt++) {
        assertThat(catchThrowable(() -> engine.getManagementService().executeJob(job.getId()))).isNotNull();
      }
      assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(failing).count()).isEqualTo(1);
      engine.getRuntimeService().setVariable(failing, "fail", false);
      engine.getManagementService().setJobRetries(job.getId(), 1);
      engine.getManagementService().executeJob(job.getId());
      Job other = engine.getManagementService().createJobQuery().processInstanceId(passing).singleResult();
      engine.getManagementService().executeJob(other.getId());
      for (String instance : List.of(failing, passing)) {
        engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(instance)
            .singleResult().getId());
      }
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
      assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
      List<String> incidents = engine.getHistoryService().createHistoricIncidentQuery().list().stream()
          .map(FailedJobIncidentsTest::describe).toList();
      return new Run(incidents, lookups.get());
    } finally {
      engine.close();
    }
  }

  private static String describe(HistoricIncident incident) {
    String state = incident.isResolved() ? "resolved" : incident.isDeleted() ? "deleted" : "open";
    String message = incident.getIncidentMessage() == null ? "" : incident.getIncidentMessage();
    return incident.getIncidentType() + " at " + incident.getActivityId() + ": " + state + ", "
        + message.replaceAll(":.*", "");
  }
}
