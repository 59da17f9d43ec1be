package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.history.handler.CompositeHistoryEventHandler;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: when an activity, task or process instance ends in a later transaction than the one that started it, the
 * engine reads its history row for the start time, and every transaction that writes history reads the root process
 * instance's for the removal time. {@link HistoryScopes} keeps what this node wrote; the history is the same as with
 * the engine alone. Two engines run the same process side by side, each on its own in-memory database, on the same
 * engine clock, counting what they read of {@code ACT_HI_ACTINST}, {@code ACT_HI_TASKINST} and {@code ACT_HI_PROCINST}
 * by id.
 */
class HistoryScopesTest {

  private static final BpmnModelInstance PROCESS = Bpmn.createExecutableProcess("scopes")
      .camundaHistoryTimeToLive(180)
      .startEvent("opened")
      .userTask("check")
      .serviceTask("book").camundaAsyncBefore().camundaExpression("${true}")
      .userTask("inspect")
      .endEvent("closed")
      .done();
  private static final Instant START = Instant.parse("2026-12-06T09:00:00Z");

  /** This node's clock for how long a removal time is kept, moved by hand. */
  private final AtomicLong nanos = new AtomicLong();

  @AfterEach
  void clockBack() {
    ClockUtil.reset();
  }

  @Test
  void theHistoryIsTheSameWithoutReadingStartAndRemovalTimesAgain() {
    Run engines = run("scopes-engine", null, engine -> { });
    Run ours = run("scopes-ours", new HistoryScopes(nanos::get), engine -> { });

    assertThat(ours.history).hasSize(8).isEqualTo(engines.history);
    assertThat(ours.history).allSatisfy(row -> assertThat(row).contains("removal 2027-06-04T09:00:00Z"));
    assertThat(ours.history).filteredOn(row -> row.startsWith("activity check")).singleElement()
        .asString().contains("ended 2026-12-06T09:01:00Z after 60000 ms");
    // the engine: the task and its activity when the task is done, each step's transaction the root (which the end
    // of the process then finds in that transaction)
    assertThat(engines.reads).isEqualTo(Map.of("ACT_HI_ACTINST", 2L, "ACT_HI_PROCINST", 3L, "ACT_HI_TASKINST", 2L));
    assertThat(ours.reads).isEmpty();
  }

  @Test
  void aRemovalTimeTheNightlyBatchMayChangeIsReadEveryTime() {
    // the case has been open 160 days: its removal time is 20 days away, and the evening's batch gives it 180 more
    Instant later = START.plus(Duration.ofDays(160));
    Instant moved = later.plus(Duration.ofDays(180));
    Run engines = run("scopes-near-engine", null, engine -> moveRemovalTime(engine, later, moved));
    Run ours = run("scopes-near-ours", new HistoryScopes(nanos::get), engine -> moveRemovalTime(engine, later, moved));

    assertThat(ours.history).isEqualTo(engines.history);
    assertThat(ours.history).filteredOn(row -> row.startsWith("activity inspect")).singleElement()
        .asString().contains("removal " + moved);
    // the first step after the batch reads the root again; the new removal time is far, and kept
    assertThat(engines.reads.get("ACT_HI_PROCINST")).isEqualTo(3L);
    assertThat(ours.reads.get("ACT_HI_PROCINST")).isEqualTo(1L);
  }

  @Test
  void aRemovalTimeAnOperatorChangesReachesThisNodesRowsAMinuteLaterAtMost() {
    Instant moved = START.plus(Duration.ofDays(365));
    HistoryScopes scopes = new HistoryScopes(nanos::get);
    Run ours = run("scopes-operator", scopes, engine -> {
      moveRemovalTime(engine, START.plus(Duration.ofMinutes(1)), moved);
      // the next step comes when what this node kept of the root is older than it keeps it
      nanos.addAndGet(HistoryScopes.REMOVAL_TIME_KEPT.toNanos() + 1);
    });

    assertThat(ours.history).filteredOn(row -> row.startsWith("activity book")).singleElement()
        .asString().contains("removal " + moved);
    assertThat(ours.history).filteredOn(row -> row.startsWith("activity inspect")).singleElement()
        .asString().contains("removal " + moved);
  }

  @Test
  void theEngineIsGivenTheHandlerBeforeItsCustomOnes() {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    CompositeHistoryEventHandler custom = new CompositeHistoryEventHandler();
    configuration.setCustomHistoryEventHandlers(new ArrayList<>(List.of(custom)));
    new HistoryScopes().preInit(configuration);

    assertThat(configuration.isEnableDefaultDbHistoryEventHandler()).isFalse();
    assertThat(configuration.getCustomHistoryEventHandlers()).hasSize(2).element(1).isSameAs(custom);
    assertThat(configuration.getCustomHistoryEventHandlers().get(0)).isInstanceOf(HistoryScopes.Handler.class);
  }

  private record Run(List<String> history, Map<String, Long> reads) {}

  private interface Between {
    void steps(ProcessEngine engine);
  }

  /**
   * Opens a case at {@link #START}, does its check a minute later, then (after {@code between}) its booking and its
   * inspection a minute apart; lists its history rows with their times.
   */
  private Run run(String name, HistoryScopes scopes, Between between) {
    Map<String, Long> reads = new TreeMap<>();
    ProcessEngine engine = CountedEngine.build(name, scopes == null ? List.of()
        : List.of(scopes, new HistoryRemovalTimes(new JobDefinitions(), scopes)), statement ->
        Stream.of("ACT_HI_ACTINST HAI", "ACT_HI_TASKINST HTI", "ACT_HI_PROCINST HPI")
            .filter(table -> statement.contains("from " + table + " where"))
            .forEach(table -> reads.merge(table.substring(0, table.indexOf(' ')), 1L, Long::sum)));
    try {
      engine.getRepositoryService().createDeployment().addModelInstance("scopes.bpmn", PROCESS).deploy();
      ClockUtil.setCurrentTime(Date.from(START));
      String instance = engine.getRuntimeService().startProcessInstanceByKey("scopes").getId();
      reads.clear();
      ClockUtil.setCurrentTime(Date.from(START.plus(Duration.ofMinutes(1))));
      complete(engine, instance);
      between.steps(engine);
      Instant now = ClockUtil.getCurrentTime().toInstant();
      ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofMinutes(1))));
      Job booking = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
      engine.getManagementService().executeJob(booking.getId());
      ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofMinutes(2))));
      complete(engine, instance);
      return new Run(history(engine, instance), Map.copyOf(reads));
    } finally {
      engine.close();
    }
  }

  private static void complete(ProcessEngine engine, String instance) {
    engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(instance)
        .singleResult().getId());
  }

  /** Gives the running instance a new removal time at {@code at}, as the set-removal-time batch does. */
  private static void moveRemovalTime(ProcessEngine engine, Instant at, Instant removal) {
    ClockUtil.setCurrentTime(Date.from(at));
    engine.getHistoryService().setRemovalTimeToHistoricProcessInstances().absoluteRemovalTime(Date.from(removal))
        .byQuery(engine.getHistoryService().createHistoricProcessInstanceQuery().unfinished()).hierarchical()
        .executeAsync();
    for (int round = 0; round < 3; round++) {
      engine.getManagementService().createJobQuery().executable().list().stream()
          .filter(job -> job.getProcessInstanceId() == null)
          .forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
  }

  private static List<String> history(ProcessEngine engine, String instance) {
    List<String> rows = new ArrayList<>();
    engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance)
        .orderByHistoricActivityInstanceStartTime().asc().orderByActivityId().asc().list()
        .forEach(a -> rows.add(row("activity " + a.getActivityId(), a.getStartTime(), a.getEndTime(),
            a.getDurationInMillis(), a.getRemovalTime())));
    engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(instance)
        .orderByHistoricActivityInstanceStartTime().asc().list()
        .forEach(t -> rows.add(row("task " + t.getTaskDefinitionKey(), t.getStartTime(), t.getEndTime(),
            t.getDurationInMillis(), t.getRemovalTime())));
    var process = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
        .singleResult();
    rows.add(row("process " + process.getState(), process.getStartTime(), process.getEndTime(),
        process.getDurationInMillis(), process.getRemovalTime()));
    return rows;
  }

  private static String row(String what, Date start, Date end, Long duration, Date removal) {
    return what + " started " + start.toInstant() + " ended " + (end == null ? null : end.toInstant()) + " after "
        + duration + " ms, removal " + (removal == null ? null : removal.toInstant());
  }
}
