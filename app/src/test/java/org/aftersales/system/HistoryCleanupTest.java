package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * History cleanup is configured (issue 21): a nightly window and a batch size, and every model deployed has a time
 * to live; a run of the cleanup removes the whole history of a case that ended longer ago than its models' time to
 * live and keeps that of a case that ended now.
 */
@AfterSalesIntegrationTest
@Isolated // moves the engine clock
// the suite has no nightly window (AFTERSALES_HISTORY_CLEANUP_AUTOMATIC=false in app/pom.xml): a cleanup job due in the
// window would run in runDueJobs below, in the middle of the test, whenever the suite runs at night
@TestPropertySource(properties = "camunda.bpm.job-execution.enabled=false")
class HistoryCleanupTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired org.springframework.core.env.Environment environment;
  @Autowired OpenCaseHistory openCases;

  /**
   * The cases a test opened (their processes' timers are long due), its batches and the history cleanup job (it
   * schedules itself again): gone after each test, so that the next one's runDueJobs runs only its own jobs.
   */
  private final List<String> cases = new ArrayList<>();
  private final List<String> batches = new ArrayList<>();

  @AfterEach
  void clockBackAndCasesGone() {
    ClockUtil.reset();
    var runtime = engine.getRuntimeService();
    List<String> running = cases.stream().flatMap(caseId -> runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(caseId).list().stream()).map(ProcessInstance::getId).toList();
    if (!running.isEmpty()) {
      runtime.deleteProcessInstances(running, "test over", true, true);
    }
    var management = engine.getManagementService();
    batches.forEach(id -> management.deleteBatch(id, true));
    engine.getHistoryService().findHistoryCleanupJobs().forEach(job -> management.deleteJob(job.getId()));
  }

  @Test
  void theWindowTheBatchSizeAndEveryModelsTimeToLiveAreSet() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

    assertThat(environment.getProperty("aftersales.history-cleanup.window-start")).isEqualTo("22:00");
    assertThat(environment.getProperty("aftersales.history-cleanup.window-end")).isEqualTo("06:00");
    var nightly = new org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration();
    new HistoryCleanupWindow(true, "22:00", "06:00").preInit(nightly);
    assertThat(nightly.getHistoryCleanupBatchWindowStartTime()).isEqualTo("22:00");
    assertThat(nightly.getHistoryCleanupBatchWindowEndTime()).isEqualTo("06:00");
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).as("no window in the test suite").isNull();
    assertThat(configuration.getHistoryCleanupBatchSize()).isEqualTo(500);
    assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo(ProcessEngineConfigurationImpl.HISTORY_CLEANUP_STRATEGY_REMOVAL_TIME_BASED);
    assertThat(configuration.getHistoryRemovalTimeStrategy())
        .isEqualTo(ProcessEngineConfigurationImpl.HISTORY_REMOVAL_TIME_STRATEGY_START);
    var repository = engine.getRepositoryService();
    assertThat(repository.createProcessDefinitionQuery().list()).isNotEmpty()
        .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).as(d.getKey()).isNotNull().isPositive());
    assertThat(repository.createDecisionDefinitionQuery().list()).isNotEmpty()
        .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).as(d.getKey()).isNotNull().isPositive());
  }

  @Test
  void aCaseEndedLongerAgoThanItsTimeToLiveIsRemovedAndARecentOneKept() {
    ReturnFlowDriver flow = new ReturnFlowDriver(port, engine);
    ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(200))));
    String old = rejectedCase(flow);
    HistoryService history = engine.getHistoryService();
    String oldInstance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(old)
        .processDefinitionKey(ReturnProcess.KEY).singleResult().getId();
    ClockUtil.reset();
    String recent = rejectedCase(flow);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(oldInstance).count()).isPositive();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(oldInstance).count()).isPositive();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(oldInstance).count()).isPositive();

    cleanUp();

    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(old).finished().count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(oldInstance).count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(oldInstance).count()).isZero();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(oldInstance).count()).isZero();
    assertThat(history.createHistoricDetailQuery().processInstanceId(oldInstance).count()).isZero();
    assertThat(history.createHistoricDecisionInstanceQuery().processInstanceId(oldInstance).count()).isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(recent).finished().count())
        .isPositive();
    String recentInstance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(recent)
        .processDefinitionKey(ReturnProcess.KEY).singleResult().getId();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(recentInstance).count()).isPositive();
  }

  /**
   * Issue 21: a history row is written with its removal time, the start of its case's process instance plus the
   * model's time to live, and the end of the case does not write the case's history again (the engine's default
   * strategy set the removal times at the end, with one UPDATE per history table).
   */
  @Test
  void historyRowsGetTheirRemovalTimeWhenTheyAreWrittenAndKeepItWhenTheCaseEnds() {
    ReturnFlowDriver flow = new ReturnFlowDriver(port, engine);
    ProcessInstance instance = flow.instance(openCase(flow));
    HistoryService history = engine.getHistoryService();
    var started = history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult();
    Date removal = Date.from(started.getStartTime().toInstant().plus(Duration.ofDays(180)));

    assertThat(started.getEndTime()).isNull();
    assertThat(started.getRemovalTime()).as("running, removal time set at the start").isEqualTo(removal);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list()).isNotEmpty()
        .allSatisfy(a -> assertThat(a.getRemovalTime()).as(a.getActivityId()).isEqualTo(removal));
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list()).isNotEmpty()
        .allSatisfy(v -> assertThat(v.getRemovalTime()).as(v.getName()).isEqualTo(removal));

    engine.getTaskService().complete(flow.task(instance, ReturnProcess.Element.REVIEW).getId(), ReturnFlowDriver.with(
        ReturnProcess.Var.REVIEW_DECISION, "REJECT", ReturnProcess.Var.REJECT_REASON, "Outside the return period"));
    flow.runDueJobs();

    var ended = history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(ended.getEndTime()).isNotNull();
    assertThat(ended.getRemovalTime()).isEqualTo(removal);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).list())
        .allSatisfy(a -> assertThat(a.getRemovalTime()).as(a.getActivityId()).isEqualTo(removal));
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).list()).isNotEmpty()
        .allSatisfy(t -> assertThat(t.getRemovalTime()).as(t.getTaskDefinitionKey()).isEqualTo(removal));
  }

  /**
   * With removal times set at the start the engine looks up each job log entry's job configuration as a batch id;
   * {@link HistoryRemovalTimes} looks up only what can be one (HistoryRemovalTimesTest). A batch's jobs still get the
   * batch's removal time, an async continuation's job the case's.
   */
  @Test
  void jobLogEntriesGetTheRemovalTimeOfTheirBatchOrOfTheirCase() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getHistoryEventProducer()).isInstanceOf(HistoryRemovalTimes.Producer.class);
    ReturnFlowDriver flow = new ReturnFlowDriver(port, engine);
    ProcessInstance approved = flow.instance(openCase(flow));
    engine.getTaskService().complete(flow.task(approved, ReturnProcess.Element.REVIEW).getId(),
        ReturnFlowDriver.with(ReturnProcess.Var.REVIEW_DECISION, "APPROVE"));
    HistoryService history = engine.getHistoryService();
    Date caseRemoval = history.createHistoricProcessInstanceQuery().processInstanceId(approved.getId()).singleResult()
        .getRemovalTime();
    var management = engine.getManagementService();
    Job pickup = management.createJobQuery().processInstanceId(approved.getId()).messages().singleResult();
    management.executeJob(pickup.getId());
    assertThat(history.createHistoricJobLogQuery().jobId(pickup.getId()).list()).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(log -> assertThat(log.getRemovalTime()).as(log.getJobDefinitionType()).isEqualTo(caseRemoval));

    ProcessInstance cancelled = flow.instance(openCase(flow));
    var batch = engine.getRuntimeService().deleteProcessInstancesAsync(List.of(cancelled.getId()), "test");
    batches.add(batch.getId());
    runJobsOf(batch);
    Date batchRemoval = history.createHistoricBatchQuery().batchId(batch.getId()).singleResult().getRemovalTime();
    assertThat(batchRemoval).isNotNull();
    // (the engine writes a batch job's success without a removal time, with or without HistoryRemovalTimes)
    assertThat(history.createHistoricJobLogQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).creationLog()
        .list()).isNotEmpty()
        .allSatisfy(log -> assertThat(log.getRemovalTime()).as(log.getJobDefinitionType()).isEqualTo(batchRemoval));
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(cancelled.getId()).count())
        .isZero();
  }

  /**
   * With removal times set at the start, a case still open past its time to live loses its history at the next
   * cleanup; {@link OpenCaseHistory} gives such a case a new removal time before the cleanup runs.
   */
  @Test
  void aCaseStillOpenPastItsTimeToLiveKeepsItsHistory() {
    ReturnFlowDriver flow = new ReturnFlowDriver(port, engine);
    HistoryService history = engine.getHistoryService();
    ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(200))));
    String lost = flow.instance(openCase(flow)).getId();
    ClockUtil.reset();
    cleanUp();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(lost).count())
        .as("open, without OpenCaseHistory").isZero();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(lost).count()).isOne();

    ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(200))));
    String open = flow.instance(openCase(flow)).getId();
    ClockUtil.reset();
    String recent = flow.instance(openCase(flow)).getId();
    Date recentRemoval = history.createHistoricProcessInstanceQuery().processInstanceId(recent).singleResult()
        .getRemovalTime();
    Instant now = Instant.now();
    var kept = openCases.keep();
    assertThat(kept).hasSize(1);
    kept.forEach(batch -> batches.add(batch.getId()));
    kept.forEach(this::runJobsOf);
    cleanUp();

    var instance = history.createHistoricProcessInstanceQuery().processInstanceId(open).singleResult();
    assertThat(instance).isNotNull();
    assertThat(instance.getRemovalTime()).isBetween(Date.from(now.plus(Duration.ofDays(180)).minusSeconds(60)),
        Date.from(Instant.now().plus(Duration.ofDays(180))));
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(open).count()).isPositive();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(open).list()).isNotEmpty()
        .allSatisfy(v -> assertThat(v.getRemovalTime()).isEqualTo(instance.getRemovalTime()));
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(recent).singleResult().getRemovalTime())
        .as("not near its removal time: unchanged").isEqualTo(recentRemoval);
    assertThat(openCases.keep()).as("nothing near its removal time any more").isEmpty();
  }

  /** Runs a batch's seed job, then the jobs it made. */
  private void runJobsOf(Batch batch) {
    var management = engine.getManagementService();
    for (String definition : new String[] {batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId()}) {
      management.createJobQuery().jobDefinitionId(definition).list().forEach(j -> management.executeJob(j.getId()));
    }
  }

  private void cleanUp() {
    Job cleanup = engine.getHistoryService().cleanUpHistoryAsync(true);
    engine.getManagementService().executeJob(cleanup.getId());
  }

  /** A return request, delivered three days before the engine's now, waiting for the agent's review. */
  private String openCase(ReturnFlowDriver flow) {
    String deliveredAt = OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.ofHours(8))
        .minusDays(3).withNano(0).toString();
    String caseId = flow.open(Map.of("deliveredAt", deliveredAt));
    cases.add(caseId);
    return caseId;
  }

  /** A return request, delivered three days before the engine's now, that the agent declines: the process ends. */
  private String rejectedCase(ReturnFlowDriver flow) {
    String caseId = openCase(flow);
    ProcessInstance instance = flow.instance(caseId);
    engine.getTaskService().complete(flow.task(instance, ReturnProcess.Element.REVIEW).getId(), ReturnFlowDriver.with(
        ReturnProcess.Var.REVIEW_DECISION, "REJECT", ReturnProcess.Var.REJECT_REASON, "Outside the return period"));
    flow.runDueJobs();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getEndTime()).as(caseId).isNotNull();
    return caseId;
  }
}
