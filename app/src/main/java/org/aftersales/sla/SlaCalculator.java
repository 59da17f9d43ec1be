package org.aftersales.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseStatus;
import org.aftersales.system.EngineTables;
import org.aftersales.system.deployment.RuleTables;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Computes {@link CaseSla} from Camunda's history of the case's process instances, not from anything kept by
 * hand. The first response is the first user task a person completed, or the first message to the customer
 * that carried a decision (acknowledgements do not count). Time in elements marked in the diagram with the
 * property {@code waitsFor=customer} is the customer's and is taken off the resolution time. The response
 * score and its grade come from the rule tables {@code response-time-score} and {@code service-grade}.
 */
@Component
@EnableConfigurationProperties(SlaProperties.class)
public class SlaCalculator {

  static final String SCORE_DECISION = "response-time-score";
  static final String GRADE_DECISION = "service-grade";
  /** Messages that only acknowledge: they are no answer. */
  private static final Set<String> ACKNOWLEDGEMENTS = Set.of("CASE_OPENED", "COMPLAINT_RECEIVED", "SURVEY_INVITATION");
  /** Processes that run after the case is over and do not count. */
  private static final Set<String> AFTER_CARE = Set.of("follow-up-visit");
  /** What {@link #of} reads of an activity instance: its element, type, times and whether it was cancelled. */
  private static final String ACTIVITY_COLUMNS = "A.ID_, A.PROC_DEF_ID_, A.PROC_INST_ID_, A.ACT_ID_, A.ACT_TYPE_, "
      + "A.START_TIME_, A.END_TIME_, A.ACT_INST_STATE_";

  private record ElementInfo(boolean customerWait, String notificationType) {}

  private final HistoryService history;
  private final IdentityService identity;
  private final EngineTables tables;
  private final RepositoryService repository;
  private final DecisionService decisions;
  private final SlaProperties properties;
  private final BusinessCalendar calendar;
  private final Clock clock;
  private final Map<String, ElementInfo> elements = new ConcurrentHashMap<>();

  @org.springframework.beans.factory.annotation.Autowired
  public SlaCalculator(HistoryService history, IdentityService identity, EngineTables tables,
      RepositoryService repository, DecisionService decisions, SlaProperties properties, Clock clock) {
    this(history, identity, tables, repository, decisions, properties,
        new BusinessCalendar(properties.calendar()), clock);
  }

  SlaCalculator(HistoryService history, IdentityService identity, EngineTables tables,
      RepositoryService repository, DecisionService decisions, SlaProperties properties, BusinessCalendar calendar,
      Clock clock) {
    this.history = history;
    this.identity = identity;
    this.tables = tables;
    this.repository = repository;
    this.decisions = decisions;
    this.properties = properties;
    this.calendar = calendar;
    this.clock = clock;
  }

  /** The same calculation on another calendar (for tests and what-if reports). */
  public SlaCalculator on(BusinessCalendar other) {
    return new SlaCalculator(history, identity, tables, repository, decisions, properties, other, clock);
  }

  public CaseSla of(CaseRecord c) {
    return of(c, true);
  }

  /**
   * The figures without the response score and grade (null there): what the metrics need when a case closes, on
   * time or not, without evaluating the two scoring decisions and writing their decision history each time.
   */
  public CaseSla timesOnly(CaseRecord c) {
    return of(c, false);
  }

  /**
   * The case's process instances, oldest first. As a user, through Camunda's query, which shows only what the user
   * may read. As the system (the metrics when a case closes, issue 21), where that query checks nothing, the same rows
   * through a plain native query: the query builder's dynamic SQL (a hundred optional conditions, each evaluated by
   * OGNL) cost more CPU than the rows, about 2 % of the application's in a profile of the full flow.
   */
  private List<HistoricProcessInstance> instances(String caseId, boolean asUser) {
    if (asUser) {
      return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId)
          .orderByProcessInstanceStartTime().asc().list();
    }
    return history.createNativeHistoricProcessInstanceQuery()
        .sql("SELECT ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_, END_TIME_ FROM "
            + tables.of(HistoricProcessInstance.class) + " WHERE BUSINESS_KEY_ = #{caseId} ORDER BY START_TIME_, ID_")
        .parameter("caseId", caseId).list();
  }

  /** As a user ({@link #instances}): the activities of the case's instances but its after-care, one query each. */
  private List<HistoricActivityInstance> activities(List<HistoricProcessInstance> instances) {
    List<HistoricActivityInstance> activities = new ArrayList<>();
    instances.stream().filter(pi -> !AFTER_CARE.contains(pi.getProcessDefinitionKey())).forEach(pi -> activities
        .addAll(history.createHistoricActivityInstanceQuery().processInstanceId(pi.getId()).list()));
    return activities;
  }

  /**
   * As the system ({@link #instances}): the activities of all the case's instances but its after-care, in one query
   * (issue 21: not one per instance), by instance and id. What is computed from them does not depend on their order.
   * Only the columns the figures read ({@link #ACTIVITY_COLUMNS}; {@link #instances} likewise): the engine's mapping
   * reads each column a row has, and a whole row has 21 (issue 21: this query was three quarters of the figures' CPU
   * at close).
   */
  private List<HistoricActivityInstance> activities(String caseId) {
    String afterCare = AFTER_CARE.stream().map(key -> "'" + key + "'").sorted().collect(Collectors.joining(", "));
    return history.createNativeHistoricActivityInstanceQuery()
        .sql("SELECT " + ACTIVITY_COLUMNS + " FROM " + tables.of(HistoricActivityInstance.class) + " A INNER JOIN "
            + tables.of(HistoricProcessInstance.class) + " P ON A.PROC_INST_ID_ = P.ID_ WHERE P.BUSINESS_KEY_ = #{caseId} "
            + "AND P.PROC_DEF_KEY_ NOT IN (" + afterCare + ") ORDER BY A.PROC_INST_ID_, A.ID_")
        .parameter("caseId", caseId).list();
  }

  private CaseSla of(CaseRecord c, boolean scored) {
    Instant now = clock.instant();
    Instant end = c.status() == CaseStatus.CLOSED && c.closedAt() != null ? c.closedAt() : now;
    boolean asUser = identity.getCurrentAuthentication() != null;
    List<HistoricProcessInstance> instances = instances(c.caseId(), asUser);
    String mainInstance = null;
    for (HistoricProcessInstance pi : instances) {
      if (pi.getProcessDefinitionKey().equals(c.type().processKey())) {
        mainInstance = pi.getId();
      }
    }
    List<HistoricActivityInstance> activities = asUser ? activities(instances) : activities(c.caseId());
    Instant firstResponse = activities.stream().filter(a -> a.getEndTime() != null && !a.isCanceled())
        .filter(this::answers).map(a -> a.getEndTime().toInstant()).min(Comparator.naturalOrder()).orElse(null);
    Duration waiting = waiting(activities, c.openedAt(), end);
    Long responseMinutes = firstResponse == null ? null : calendar.between(c.openedAt(), firstResponse).toMinutes();
    Long resolutionMinutes = c.status() == CaseStatus.CLOSED
        ? Math.max(0, calendar.between(c.openedAt(), end).minus(waiting).toMinutes()) : null;
    // without an answer, the clock runs until the case closes
    Duration elapsed = calendar.between(c.openedAt(), end);
    Long pending = responseMinutes == null ? elapsed.toMinutes() : null;
    long responseTarget = properties.firstResponseTarget().toMinutes();
    long resolutionTarget = properties.resolutionTarget().toMinutes();
    Boolean responseOnTime = responseMinutes != null ? Boolean.valueOf(responseMinutes <= responseTarget)
        : pending > responseTarget ? Boolean.FALSE : null;
    Boolean resolvedOnTime = resolutionMinutes != null ? Boolean.valueOf(resolutionMinutes <= resolutionTarget)
        : elapsed.minus(waiting).toMinutes() > resolutionTarget ? Boolean.FALSE : null;
    // a case late without an answer is scored as it stands: on the time it has waited so far
    Long scoredMinutes = responseMinutes != null ? responseMinutes
        : Boolean.FALSE.equals(responseOnTime) ? pending : null;
    Integer score = null;
    String grade = null;
    if (scored && scoredMinutes != null) {
      score = ((Number) single(SCORE_DECISION, Map.of("responseHours", scoredMinutes / 60.0)).get("score")).intValue();
      grade = (String) single(GRADE_DECISION, Map.of("score", score.doubleValue())).get("grade");
    }
    boolean open = c.status() != CaseStatus.CLOSED;
    Duration age = open ? elapsed.minus(waiting) : null;
    Long ageMinutes = age == null ? null : Math.max(0, age.toMinutes());
    boolean near = open && !Boolean.FALSE.equals(responseOnTime) && !Boolean.FALSE.equals(resolvedOnTime)
        && ((firstResponse == null && near(elapsed, properties.firstResponseTarget()))
            || near(age, properties.resolutionTarget()));
    Long responseOver = Boolean.TRUE.equals(responseOnTime) ? null
        : responseMinutes != null ? (Long) (responseMinutes - responseTarget)
        : open || Boolean.FALSE.equals(responseOnTime) ? (Long) (pending - responseTarget) : null;
    Long resolutionOver = Boolean.TRUE.equals(resolvedOnTime) ? null
        : resolutionMinutes != null ? (Long) (resolutionMinutes - resolutionTarget)
        : open ? (Long) (ageMinutes - resolutionTarget) : null;
    return new CaseSla(c.caseId(), c.type().name(), c.status().name(), c.stage(),
        c.outcome() == null ? null : c.outcome().name(), c.sellerId(), mainInstance, c.openedAt(), firstResponse,
        open ? null : c.closedAt(), responseMinutes, resolutionMinutes, waiting.toMinutes(), score, grade,
        responseOnTime, resolvedOnTime, ageMinutes, near,
        c.details() == null ? null : c.details().productCategory(), pending,
        responseMinutes == null && scored && scoredMinutes != null,
        responseOver, resolutionOver);
  }

  private boolean near(Duration elapsed, Duration target) {
    return elapsed.toMinutes() >= target.toMinutes() * properties.nearShare();
  }

  /** A person completed a task, or the flow told the customer a decision. */
  private boolean answers(HistoricActivityInstance a) {
    if ("userTask".equals(a.getActivityType())) {
      return true;
    }
    if (!"sendTask".equals(a.getActivityType())) {
      return false;
    }
    String type = info(a).notificationType();
    return type != null && !ACKNOWLEDGEMENTS.contains(type) && !type.startsWith("SELLER_") && !type.startsWith("SUPERVISOR_");
  }

  /** Working time spent in customer-waiting elements, merged where they overlap, within [opened, end]. */
  private Duration waiting(Collection<HistoricActivityInstance> activities, Instant opened, Instant end) {
    List<Instant[]> spans = activities.stream().filter(a -> info(a).customerWait())
        .map(a -> new Instant[] {max(a.getStartTime().toInstant(), opened),
            min(a.getEndTime() == null ? end : a.getEndTime().toInstant(), end)})
        .filter(s -> s[1].isAfter(s[0])).sorted(Comparator.comparing(s -> s[0])).toList();
    Duration total = Duration.ZERO;
    Instant from = null;
    Instant to = null;
    for (Instant[] span : spans) {
      if (to != null && !span[0].isAfter(to)) {
        to = max(to, span[1]);
        continue;
      }
      if (from != null) {
        total = total.plus(calendar.between(from, to));
      }
      from = span[0];
      to = span[1];
    }
    return from == null ? total : total.plus(calendar.between(from, to));
  }

  private ElementInfo info(HistoricActivityInstance a) {
    return elements.computeIfAbsent(a.getProcessDefinitionId() + "#" + a.getActivityId(), key -> {
      BpmnModelInstance model = repository.getBpmnModelInstance(a.getProcessDefinitionId());
      BaseElement element = model.getModelElementById(a.getActivityId());
      if (element == null || element.getExtensionElements() == null) {
        return new ElementInfo(false, null);
      }
      boolean wait = element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
          .flatMap(p -> p.getCamundaProperties().stream())
          .anyMatch(p -> "waitsFor".equals(p.getCamundaName()) && "customer".equals(p.getCamundaValue()));
      String type = element.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list().stream()
          .flatMap(io -> io.getCamundaInputParameters().stream())
          .filter(p -> "notificationType".equals(p.getCamundaName())).map(CamundaInputParameter::getTextContent)
          .filter(Objects::nonNull).map(String::trim).findFirst().orElse(null);
      return new ElementInfo(wait, type);
    });
  }

  private DmnDecisionResultEntries single(String decision, Map<String, Object> inputs) {
    return RuleTables.single(decisions, decision, inputs);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

}
