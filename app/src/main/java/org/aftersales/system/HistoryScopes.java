package org.aftersales.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricScopeInstanceEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * What the engine writes of a process, activity or task instance when it starts, and reads again when it ends
 * (issue 21).
 *
 * <p><b>Start times.</b> When an activity, task or process instance ends in a later transaction than the one that
 * started it, the engine reads its history row for the start time ({@code ACT_HI_ACTINST}, {@code ACT_HI_TASKINST},
 * {@code ACT_HI_PROCINST} by id), to write it back with the end time and the duration: 8 queries per return case. A
 * start time never changes. Every one this node writes is kept until its instance ends, and the history handler
 * ({@link Handler}) takes it from here; one it does not know (started on another node, before a restart, or pushed out
 * by {@link #KEPT} newer ones) it reads, as the engine does.
 *
 * <p><b>Removal times.</b> Every history row gets the removal time of its root process instance
 * ({@code history-removal-time-strategy=start}): the engine reads the root's history row once in every transaction
 * that writes history, 7 queries per return case. That one can change: the set-removal-time batch gives running
 * instances a new one ({@link OpenCaseHistory} does, every evening, to those whose removal time is less than
 * {@link OpenCaseHistory#MARGIN} away; an operator may, through the REST API). So a root's removal time that this node
 * wrote or read is used for {@link #REMOVAL_TIME_KEPT} only, and not at all when it is less than {@link #FAR} away
 * (where {@link OpenCaseHistory} changes it); after that the engine reads it again. A batch that an operator runs on
 * another node reaches the rows this node writes at most {@link #REMOVAL_TIME_KEPT} late. A case's steps come in
 * bursts (opened, checked, approved, pickup booked within a second), which is where this saves.
 */
@Component
public class HistoryScopes extends AbstractProcessEnginePlugin {

  /** Start times kept at most; the oldest is forgotten first. */
  static final int KEPT = 50_000;
  /** How long a root's removal time, once written or read, is used without reading it again. */
  static final Duration REMOVAL_TIME_KEPT = Duration.ofSeconds(60);
  /** A removal time nearer than this is read every time: {@link OpenCaseHistory} may have changed it. */
  static final Duration FAR = OpenCaseHistory.MARGIN.plusDays(1);

  private record Root(Date removalTime, long learnedAt) {}

  /** This node's clock for {@link #REMOVAL_TIME_KEPT}, in nanoseconds (not the engine's, which tests move). */
  private final LongSupplier nanos;

  private final Map<String, Date> startTimes = bounded();
  private final Map<String, Root> roots = bounded();

  public HistoryScopes() {
    this(System::nanoTime);
  }

  HistoryScopes(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** At most {@link #KEPT} entries; the oldest is forgotten first. */
  private static <V> Map<String, V> bounded() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > KEPT;
      }
    };
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getHistoryEventHandler() == null && configuration.isEnableDefaultDbHistoryEventHandler()) {
      // the engine's composite with ours in place of its database handler, before the custom ones as it puts its own
      List<HistoryEventHandler> handlers = new ArrayList<>();
      handlers.add(new Handler(this));
      if (configuration.getCustomHistoryEventHandlers() != null) {
        handlers.addAll(configuration.getCustomHistoryEventHandlers());
      }
      configuration.setEnableDefaultDbHistoryEventHandler(false);
      configuration.setCustomHistoryEventHandlers(handlers);
    }
  }

  /** The start time of an instance this node wrote and that has not ended, or null. */
  Date startTime(HistoricScopeInstanceEvent instance) {
    String key = key(instance);
    if (key == null) {
      return null;
    }
    synchronized (startTimes) {
      return startTimes.get(key);
    }
  }

  /** Keeps a root process instance's removal time, written or read now. */
  void removalTimeRead(String rootId, Date removalTime) {
    synchronized (roots) {
      roots.put(rootId, new Root(removalTime, nanos.getAsLong()));
    }
  }

  /**
   * A root process instance's removal time, if it was written or read less than {@link #REMOVAL_TIME_KEPT} ago and is
   * at least {@link #FAR} away (or none: kept forever); null if it is to be read.
   */
  HistoricProcessInstanceEventEntity root(String rootId) {
    Root root;
    synchronized (roots) {
      root = roots.get(rootId);
    }
    if (root == null || nanos.getAsLong() - root.learnedAt() > REMOVAL_TIME_KEPT.toNanos()) {
      return null;
    }
    if (root.removalTime() != null
        && root.removalTime().toInstant().isBefore(ClockUtil.getCurrentTime().toInstant().plus(FAR))) {
      return null;
    }
    HistoricProcessInstanceEventEntity kept = new HistoricProcessInstanceEventEntity();
    kept.setId(rootId);
    kept.setRemovalTime(root.removalTime());
    return kept;
  }

  private void written(HistoryEvent event) {
    String key = key(event);
    if (key == null) {
      return;
    }
    HistoricScopeInstanceEvent instance = (HistoricScopeInstanceEvent) event;
    if (isEnd(event)) {
      synchronized (startTimes) {
        startTimes.remove(key);
      }
    } else if (instance.getStartTime() != null) {
      synchronized (startTimes) {
        startTimes.put(key, instance.getStartTime());
      }
    }
    if (event instanceof HistoricProcessInstanceEventEntity process && event.getId() != null
        && event.getId().equals(event.getRootProcessInstanceId())
        && event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
      removalTimeRead(process.getId(), process.getRemovalTime());
    }
  }

  private static boolean isEnd(HistoryEvent event) {
    return event.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END)
        || event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)
        || event.isEventOfType(HistoryEventTypes.TASK_INSTANCE_COMPLETE)
        || event.isEventOfType(HistoryEventTypes.TASK_INSTANCE_DELETE);
  }

  /** The kind of row and its id; null for what is not kept. */
  private static String key(Object event) {
    String id = event instanceof HistoryEvent history ? history.getId() : null;
    if (id == null) {
      return null;
    }
    if (event instanceof HistoricActivityInstanceEventEntity) {
      return "A" + id;
    }
    if (event instanceof HistoricTaskInstanceEventEntity) {
      return "T" + id;
    }
    if (event instanceof HistoricProcessInstanceEventEntity) {
      return "P" + id;
    }
    return null;
  }

  /** The engine's database handler, which takes a start time it knows from {@link HistoryScopes}. */
  static class Handler extends DbHistoryEventHandler {

    private final HistoryScopes scopes;

    Handler(HistoryScopes scopes) {
      this.scopes = scopes;
    }

    @Override
    protected void insertOrUpdate(HistoryEvent event) {
      DbEntityManager entities = getDbEntityManager();
      if (!isInitialEvent(event) && event instanceof HistoricScopeInstanceEvent instance && event.getId() != null
          && entities.getCachedEntity(event.getClass(), event.getId()) == null) {
        Date startTime = scopes.startTime(instance);
        if (startTime != null) {
          // what the engine does after reading the row for its start time
          instance.setStartTime(startTime);
          entities.merge(event);
          scopes.written(event);
          return;
        }
      }
      super.insertOrUpdate(event);
      scopes.written(event);
    }
  }
}
