package org.aftersales.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A case's history is written with its removal time: the start of its process instance plus its model's time to
 * live ({@code history-removal-time-strategy=start}, {@link HistoryRemovalTimes}; issue 21). A case still open then
 * (a task left undone for months) would lose its history at the next cleanup. So every evening, before the cleanup
 * window, each process instance still running whose removal time is less than {@link #MARGIN} away gets a new one:
 * now plus its model's time to live, for it and the processes it called (Camunda's set-removal-time batch). Its
 * history is kept while it runs, and at least {@link #MARGIN} after it ends. The schedule runs where the nightly
 * cleanup does ({@code aftersales.history-cleanup.automatic}); every node may run it, a second run changes nothing
 * that matters.
 */
@Component
@EnableScheduling
public class OpenCaseHistory {

  /** A running instance whose history would be removed within this gets a new removal time. */
  public static final Duration MARGIN = Duration.ofDays(30);

  private static final Logger LOG = LoggerFactory.getLogger(OpenCaseHistory.class);
  private static final int PAGE = 500;

  private final HistoryService history;
  private final RepositoryService repository;
  private final ManagementService management;
  private final boolean automatic;

  public OpenCaseHistory(HistoryService history, RepositoryService repository, ManagementService management,
      @Value("${aftersales.history-cleanup.automatic:true}") boolean automatic) {
    this.history = history;
    this.repository = repository;
    this.management = management;
    this.automatic = automatic;
  }

  @Scheduled(cron = "${aftersales.history-cleanup.keep-open-cron:0 30 21 * * *}")
  public void onSchedule() {
    if (automatic) {
      List<Batch> batches = keep();
      if (!batches.isEmpty()) {
        LOG.info("History of long-open cases kept: {} batch(es) set new removal times", batches.size());
      }
    }
  }

  /**
   * Gives every running root process instance whose removal time is less than {@link #MARGIN} away a new one; returns
   * the batches started (none when there was no such instance).
   */
  public List<Batch> keep() {
    Date now = ClockUtil.getCurrentTime();
    Date before = Date.from(now.toInstant().plus(MARGIN));
    String table = management.getTableName(HistoricProcessInstance.class);
    Map<String, Integer> timeToLive = new HashMap<>();
    Map<Integer, List<String>> byTimeToLive = new HashMap<>();
    int first = 0;
    List<HistoricProcessInstance> page;
    do {
      page = history.createNativeHistoricProcessInstanceQuery()
          .sql("SELECT * FROM " + table + " WHERE END_TIME_ IS NULL AND ID_ = ROOT_PROC_INST_ID_ "
              + "AND REMOVAL_TIME_ < #{before} ORDER BY ID_")
          .parameter("before", before).listPage(first, PAGE);
      for (HistoricProcessInstance instance : page) {
        Integer days = timeToLive.computeIfAbsent(instance.getProcessDefinitionId(),
            id -> repository.getProcessDefinition(id).getHistoryTimeToLive());
        if (days != null) {
          byTimeToLive.computeIfAbsent(days, d -> new ArrayList<>()).add(instance.getId());
        }
      }
      first += PAGE;
    } while (page.size() == PAGE);
    List<Batch> batches = new ArrayList<>();
    byTimeToLive.forEach((days, ids) -> batches.add(history.setRemovalTimeToHistoricProcessInstances()
        .absoluteRemovalTime(Date.from(now.toInstant().plus(Duration.ofDays(days)))).byIds(ids.toArray(String[]::new))
        .hierarchical().executeAsync()));
    return batches;
  }
}
