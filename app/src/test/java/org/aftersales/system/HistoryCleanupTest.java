package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.camunda.bpm.engine.HistoryService;
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

  @AfterEach
  void clockBack() {
    ClockUtil.reset();
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

    Job cleanup = history.cleanUpHistoryAsync(true);
    engine.getManagementService().executeJob(cleanup.getId());

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

  /** A return request, delivered three days before the engine's now, that the agent declines: the process ends. */
  private String rejectedCase(ReturnFlowDriver flow) {
    String deliveredAt = OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.ofHours(8))
        .minusDays(3).withNano(0).toString();
    String caseId = flow.open(Map.of("deliveredAt", deliveredAt));
    ProcessInstance instance = flow.instance(caseId);
    engine.getTaskService().complete(flow.task(instance, ReturnProcess.Element.REVIEW).getId(), ReturnFlowDriver.with(
        ReturnProcess.Var.REVIEW_DECISION, "REJECT", ReturnProcess.Var.REJECT_REASON, "Outside the return period"));
    flow.runDueJobs();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getEndTime()).as(caseId).isNotNull();
    return caseId;
  }
}
