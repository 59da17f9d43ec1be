package org.aftersales.sla;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.aftersales.cases.CaseCosts;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.CaseType;
import org.aftersales.complaint.ComplaintBook;
import org.aftersales.followup.Scores;
import org.aftersales.followup.SurveyBook;
import org.aftersales.system.web.UnprocessableException;
import org.aftersales.system.BusinessTime;
import org.aftersales.system.security.Role;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The managers' service figures over the cases opened in a period, computed per case by {@link SlaCalculator}. */
@Service
public class SlaReport {

  /**
   * Which cases: opened in [from, to), optionally of one type, one product category, one seller, or worked on by
   * one group.
   */
  public record Filter(Instant from, Instant to, CaseType caseType, String process, String productCategory,
      String sellerId, String group, Interval interval) {}

  /** How the series are bucketed. */
  public enum Interval { DAY, WEEK }

  /** Figures over a set of cases. */
  public record Figures(int cases, int closed, Long firstResponseP50Minutes, Long firstResponseP90Minutes,
      Double firstResponseAttainment, Long resolutionP50Minutes, Long resolutionP90Minutes, Double resolutionAttainment,
      Double averageResponseScore, Map<String, Integer> grades, long customerWaitingMinutes) {}

  /** One bucket of the series, over the cases opened in it (closed: the cases closed in it). */
  public record Point(LocalDate period, int opened, int closed, Double averageResponseScore, Double firstResponseAttainment,
      Double averageSatisfaction, Map<String, BigDecimal> refunded, Map<String, BigDecimal> costBorneByUs) {}

  /** What customers said in the follow-up surveys of these cases (the ladder of 100 to 60). */
  public record Satisfaction(int surveys, Double averageOverall, Map<String, Double> averageByDimension,
      Map<String, Integer> grades, int recoveries) {}

  /**
   * What the cases of one product category cost, in one currency: refunded to customers (refunds and
   * compensation), and the recorded costs (parts, labour, logistics, diagnosis) borne by us or charged to customers.
   */
  public record CategoryCost(String productCategory, String currency, int cases, BigDecimal refunded,
      BigDecimal borneByUs, BigDecimal chargedToCustomers, Map<String, BigDecimal> borneByUsByKind) {}

  /** Open cases at one stage, with their age since opening (calendar minutes). */
  public record Stage(String stage, int open, long oldestMinutes, long averageAgeMinutes) {}

  /** Who holds an open task of a case: its assignee, or the groups it is offered to while nobody has claimed it. */
  public record Holder(String task, String assignee, List<String> groups, Instant since) {}

  /**
   * A case past or near a target: which one ({@code FIRST_RESPONSE} or {@code RESOLUTION}), by how many working
   * minutes it is missed ({@code overMinutes}, positive) or how many are left (negative), and who holds its tasks.
   * A case late on both names the one it still waits for: the first response if unanswered, else the resolution.
   */
  public record Attention(@JsonUnwrapped CaseSla sla, String target, long overMinutes, List<Holder> heldBy) {}

  /** Figures of the cases sharing one value: a case type, product category, seller or working group. */
  public record Total(String key, int cases, int open, int late, int near, Double firstResponseAttainment,
      Double resolutionAttainment, Double averageResponseScore, Long firstResponseP50Minutes,
      Long resolutionP50Minutes) {}

  /** The totals by case type, product category, seller and working group (a case counts in each group it had). */
  public record Totals(List<Total> byType, List<Total> byCategory, List<Total> bySeller, List<Total> byGroup) {}

  /** The service targets in working minutes, and the zone times are shown in. */
  public record Targets(long firstResponseMinutes, long resolutionMinutes, double nearShare, String zone) {}

  /** The whole report. */
  public record Report(Filter filter, Targets targets, Figures figures, Integer complaints, Double secondComplaintRate,
      Satisfaction satisfaction, List<CategoryCost> costs, List<Point> series, List<Stage> openByStage,
      List<Attention> late, List<Attention> nearLimit, Totals totals, List<SellerQuality.Seller> sellers,
      List<CaseSla> cases) {}

  static final String NO_CATEGORY = "(none given)";
  static final String NO_SELLER = "(no seller)";
  static final String FIRST_RESPONSE = "FIRST_RESPONSE";
  static final String RESOLUTION = "RESOLUTION";
  private static final int BATCH = 500;

  private final CaseRepository records;
  private final ComplaintBook complaints;
  private final SlaCalculator calculator;
  private final HistoryService history;
  private final TaskService tasks;
  private final SlaProperties properties;
  private final java.time.Clock clock;
  private final SurveyBook surveys;
  private final CaseCosts costs;
  private final SellerQuality sellers;
  private final BusinessTime businessTime;

  public SlaReport(CaseRepository records, ComplaintBook complaints, SlaCalculator calculator, HistoryService history,
      TaskService tasks, SlaProperties properties, java.time.Clock clock, SurveyBook surveys, CaseCosts costs,
      SellerQuality sellers, BusinessTime businessTime) {
    this.clock = clock;
    this.surveys = surveys;
    this.costs = costs;
    this.records = records;
    this.complaints = complaints;
    this.calculator = calculator;
    this.history = history;
    this.tasks = tasks;
    this.properties = properties;
    this.sellers = sellers;
    this.businessTime = businessTime;
  }

  /** Not read-only: the scoring tables write their decision history (history level full). */
  @Transactional
  public Report report(Filter filter) {
    List<CaseRecord> found = records.findOpenedBetween(filter.from(), filter.to(), filter.caseType(), filter.sellerId(),
        properties.maxReportCases() + 1);
    if (found.size() > properties.maxReportCases()) {
      throw new UnprocessableException("More than " + properties.maxReportCases() + " cases in this range: choose a "
          + "shorter period or a case type or seller.");
    }
    List<CaseRecord> matching = found.stream()
        .filter(c -> filter.process() == null || c.type().processKey().equals(filter.process()))
        .filter(c -> filter.productCategory() == null || filter.productCategory().equals(category(c))).toList();
    Map<String, Set<String>> groups = groupsOf(matching.stream().map(CaseRecord::caseId).toList());
    List<CaseRecord> selected = matching.stream()
        .filter(c -> filter.group() == null || groups.getOrDefault(c.caseId(), Set.of()).contains(filter.group())).toList();
    List<CaseSla> slas = selected.stream().map(calculator::of).toList();
    Map<String, CaseSla> slaById = new HashMap<>();
    slas.forEach(s -> slaById.put(s.caseId(), s));
    Map<String, ComplaintBook.Complaint> complaintById = new HashMap<>();
    selected.stream().filter(c -> c.type() == CaseType.COMPLAINT).map(c -> complaints.find(c.caseId()).orElse(null))
        .filter(Objects::nonNull).forEach(c -> complaintById.put(c.caseId(), c));
    List<ComplaintBook.Complaint> complaintRecords = List.copyOf(complaintById.values());
    Double secondRate = ratio(complaintRecords.stream().filter(ComplaintBook.Complaint::secondComplaint).count(),
        complaintRecords.size());
    List<Attention> late = slas.stream().filter(CaseSla::late).map(this::attention)
        .sorted(Comparator.comparingLong(Attention::overMinutes).reversed()).toList();
    List<Attention> near = slas.stream().filter(CaseSla::nearLimit).map(this::attention)
        .sorted(Comparator.comparingLong(Attention::overMinutes).reversed()).toList();
    List<String> ids = selected.stream().map(CaseRecord::caseId).toList();
    Map<String, List<SurveyBook.Survey>> answers = surveys.forCases(ids);
    Map<String, List<CaseCosts.Cost>> spent = costs.forCases(ids);
    Map<String, CaseRecord> byId = new HashMap<>();
    selected.forEach(c -> byId.put(c.caseId(), c));
    Totals totals = new Totals(totals(slas, s -> List.of(s.type())),
        totals(slas, s -> List.of(s.productCategory() == null ? NO_CATEGORY : s.productCategory())),
        totals(slas, s -> List.of(s.sellerId() == null ? NO_SELLER : s.sellerId())),
        totals(slas, s -> List.copyOf(groups.getOrDefault(s.caseId(), Set.of()))));
    return new Report(filter, new Targets(properties.firstResponseTarget().toMinutes(),
        properties.resolutionTarget().toMinutes(), properties.nearShare(), businessTime.zone().getId()),
        figures(slas), complaintRecords.size(), secondRate,
        satisfaction(answers.values().stream().flatMap(List::stream).toList()), costs(selected, spent),
        series(slas, filter, byId, answers, spent, businessTime.zone()), stages(slas, clock.instant()), late, near,
        totals, sellers.rank(selected, slaById, complaintById), slas);
  }

  private static String category(CaseRecord c) {
    return c.details() == null || c.details().productCategory() == null ? NO_CATEGORY : c.details().productCategory();
  }

  /** Which target a late or nearly late case is measured against, by how much, and who holds it now. */
  private Attention attention(CaseSla s) {
    boolean unanswered = s.firstResponseAt() == null;
    boolean firstResponse = unanswered && (Boolean.FALSE.equals(s.responseOnTime())
        || !Boolean.FALSE.equals(s.resolvedOnTime()) && s.firstResponseOverMinutes() != null
            && (s.resolutionOverMinutes() == null || s.firstResponseOverMinutes() >= s.resolutionOverMinutes()))
        || !unanswered && Boolean.FALSE.equals(s.responseOnTime()) && !Boolean.FALSE.equals(s.resolvedOnTime());
    Long over = firstResponse ? s.firstResponseOverMinutes() : s.resolutionOverMinutes();
    List<Holder> holders = new ArrayList<>();
    for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(s.caseId()).orderByTaskCreateTime().asc().list()) {
      List<String> offered = task.getAssignee() != null ? List.of() : tasks.getIdentityLinksForTask(task.getId()).stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .map(IdentityLink::getGroupId).sorted().toList();
      holders.add(new Holder(task.getName(), task.getAssignee(), offered,
          task.getCreateTime() == null ? null : task.getCreateTime().toInstant()));
    }
    return new Attention(s, firstResponse ? FIRST_RESPONSE : RESOLUTION, over == null ? 0 : over, holders);
  }

  /** The working groups each case had a task for (offered to them as candidates). */
  private Map<String, Set<String>> groupsOf(List<String> caseIds) {
    Map<String, String> caseOfInstance = new HashMap<>();
    for (int i = 0; i < caseIds.size(); i += BATCH) {
      history.createHistoricProcessInstanceQuery()
          .processInstanceBusinessKeyIn(caseIds.subList(i, Math.min(caseIds.size(), i + BATCH)).toArray(String[]::new))
          .list().forEach(pi -> caseOfInstance.put(pi.getId(), pi.getBusinessKey()));
    }
    Map<String, Set<String>> groups = new HashMap<>();
    for (Role role : Role.staff()) {
      for (int i = 0; i < caseIds.size(); i += BATCH) {
        history.createHistoricTaskInstanceQuery().taskHadCandidateGroup(role.groupId())
            .processInstanceBusinessKeyIn(caseIds.subList(i, Math.min(caseIds.size(), i + BATCH)).toArray(String[]::new))
            .list().forEach(t -> groups.computeIfAbsent(caseOfInstance.get(t.getProcessInstanceId()),
                k -> new TreeSet<>()).add(role.groupId()));
      }
    }
    return groups;
  }

  private static List<Total> totals(List<CaseSla> slas, Function<CaseSla, List<String>> keys) {
    Map<String, List<CaseSla>> by = new TreeMap<>();
    slas.forEach(s -> keys.apply(s).forEach(k -> by.computeIfAbsent(k, x -> new ArrayList<>()).add(s)));
    return by.entrySet().stream().map(e -> {
      List<CaseSla> in = e.getValue();
      Figures f = figures(in);
      return new Total(e.getKey(), in.size(), (int) in.stream().filter(s -> "OPEN".equals(s.status())).count(),
          (int) in.stream().filter(CaseSla::late).count(), (int) in.stream().filter(CaseSla::nearLimit).count(),
          f.firstResponseAttainment(), f.resolutionAttainment(), f.averageResponseScore(), f.firstResponseP50Minutes(),
          f.resolutionP50Minutes());
    }).toList();
  }

  static Satisfaction satisfaction(List<SurveyBook.Survey> answered) {
    Map<String, Double> byDimension = new LinkedHashMap<>();
    for (int i = 0; i < Scores.DIMENSIONS.size(); i++) {
      int dimension = i;
      byDimension.put(Scores.DIMENSIONS.get(i), average(answered.stream()
          .map(a -> (double) a.scores().asList().get(dimension)).toList()));
    }
    Map<String, Integer> grades = new TreeMap<>();
    answered.forEach(a -> grades.merge(a.grade(), 1, Integer::sum));
    return new Satisfaction(answered.size(), averageOverall(answered), byDimension, grades,
        (int) answered.stream().filter(SurveyBook.Survey::recoveryNeeded).count());
  }

  private static Double averageOverall(List<SurveyBook.Survey> answered) {
    return average(answered.stream().map(a -> a.overall().doubleValue()).toList());
  }

  static List<CategoryCost> costs(List<CaseRecord> cases, Map<String, List<CaseCosts.Cost>> spent) {
    record Key(String category, String currency) {}
    Map<Key, List<CaseRecord>> groups = new TreeMap<>(java.util.Comparator.comparing(Key::category)
        .thenComparing(Key::currency));
    for (CaseRecord c : cases) {
      String category = c.details() == null || c.details().productCategory() == null ? NO_CATEGORY
          : c.details().productCategory();
      groups.computeIfAbsent(new Key(category, c.currency()), k -> new ArrayList<>()).add(c);
    }
    List<CategoryCost> lines = new ArrayList<>();
    groups.forEach((key, members) -> {
      List<CaseCosts.Cost> recorded = members.stream().flatMap(c -> spent.getOrDefault(c.caseId(), List.of()).stream())
          .filter(cost -> cost.currency().equals(key.currency())).toList();
      Map<String, BigDecimal> byKind = new TreeMap<>();
      recorded.stream().filter(cost -> cost.borneBy() == CaseCosts.BorneBy.US)
          .forEach(cost -> byKind.merge(cost.category().name(), cost.amount(), BigDecimal::add));
      lines.add(new CategoryCost(key.category(), key.currency(), members.size(),
          sum(members.stream().map(CaseRecord::refundedAmount)), sum(byKind.values().stream()),
          sum(recorded.stream().filter(cost -> cost.borneBy() == CaseCosts.BorneBy.CUSTOMER).map(CaseCosts.Cost::amount)),
          byKind));
    });
    return lines;
  }

  private static BigDecimal sum(java.util.stream.Stream<BigDecimal> amounts) {
    return amounts.filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
  }

  private static List<Stage> stages(List<CaseSla> slas, Instant now) {
    Map<String, List<Long>> ages = new TreeMap<>();
    slas.stream().filter(s -> "OPEN".equals(s.status())).forEach(s -> ages.computeIfAbsent(String.valueOf(s.stage()),
        k -> new ArrayList<>()).add(java.time.Duration.between(s.openedAt(), now).toMinutes()));
    return ages.entrySet().stream().map(e -> new Stage(e.getKey(), e.getValue().size(),
        e.getValue().stream().mapToLong(Long::longValue).max().orElse(0),
        Math.round(e.getValue().stream().mapToLong(Long::longValue).average().orElse(0)))).toList();
  }

  static Figures figures(List<CaseSla> slas) {
    // late cases without an answer or a resolution count with the time they have taken so far
    List<Long> responses = slas.stream().map(CaseSla::responseMinutesAsItStands).filter(Objects::nonNull).sorted().toList();
    List<Long> resolutions = slas.stream().map(CaseSla::resolutionMinutesAsItStands).filter(Objects::nonNull).sorted()
        .toList();
    Map<String, Integer> grades = new TreeMap<>();
    slas.stream().map(CaseSla::responseGrade).filter(Objects::nonNull).forEach(g -> grades.merge(g, 1, Integer::sum));
    return new Figures(slas.size(), (int) slas.stream().filter(s -> "CLOSED".equals(s.status())).count(),
        percentile(responses, 50), percentile(responses, 90),
        share(slas, CaseSla::responseOnTime), percentile(resolutions, 50), percentile(resolutions, 90),
        share(slas, CaseSla::resolvedOnTime),
        average(slas.stream().map(CaseSla::responseScore).filter(Objects::nonNull).map(Integer::doubleValue).toList()),
        grades, slas.stream().mapToLong(CaseSla::customerWaitingMinutes).sum());
  }

  /** Periods are days or weeks of the business zone. */
  private static List<Point> series(List<CaseSla> slas, Filter filter, Map<String, CaseRecord> cases,
      Map<String, List<SurveyBook.Survey>> answers, Map<String, List<CaseCosts.Cost>> spent, java.time.ZoneId zone) {
    Function<Instant, LocalDate> bucket = at -> {
      LocalDate day = at.atZone(zone).toLocalDate();
      return filter.interval() == Interval.WEEK ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day;
    };
    Map<LocalDate, List<CaseSla>> opened = new TreeMap<>();
    Map<LocalDate, Integer> closed = new TreeMap<>();
    for (CaseSla s : slas) {
      opened.computeIfAbsent(bucket.apply(s.openedAt()), k -> new ArrayList<>()).add(s);
      if (s.closedAt() != null) {
        closed.merge(bucket.apply(s.closedAt()), 1, Integer::sum);
      }
    }
    Map<LocalDate, Boolean> periods = new TreeMap<>();
    opened.keySet().forEach(k -> periods.put(k, true));
    closed.keySet().forEach(k -> periods.put(k, true));
    List<Point> points = new ArrayList<>();
    for (LocalDate period : periods.keySet()) {
      List<CaseSla> in = opened.getOrDefault(period, List.of());
      Map<String, BigDecimal> refunded = new TreeMap<>();
      Map<String, BigDecimal> borne = new TreeMap<>();
      for (CaseSla s : in) {
        CaseRecord c = cases.get(s.caseId());
        if (c.refundedAmount() != null && c.refundedAmount().signum() > 0) {
          refunded.merge(c.currency(), c.refundedAmount(), BigDecimal::add);
        }
        spent.getOrDefault(s.caseId(), List.of()).stream().filter(cost -> cost.borneBy() == CaseCosts.BorneBy.US)
            .forEach(cost -> borne.merge(cost.currency(), cost.amount(), BigDecimal::add));
      }
      points.add(new Point(period, in.size(), closed.getOrDefault(period, 0),
          average(in.stream().map(CaseSla::responseScore).filter(Objects::nonNull).map(Integer::doubleValue).toList()),
          share(in, CaseSla::responseOnTime),
          averageOverall(in.stream().flatMap(s -> answers.getOrDefault(s.caseId(), List.of()).stream()).toList()),
          refunded, borne));
    }
    return points;
  }

  /** Nearest-rank percentile; null for no values. */
  static Long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static Double share(List<CaseSla> slas, Function<CaseSla, Boolean> onTime) {
    return ratio(slas.stream().map(onTime).filter(Boolean.TRUE::equals).count(),
        slas.stream().map(onTime).filter(Objects::nonNull).count());
  }

  /** {@code part} of {@code whole}, rounded to four places; null of nothing. */
  static Double ratio(long part, long whole) {
    return whole == 0 ? null : round((double) part / whole);
  }

  private static Double average(List<Double> values) {
    return values.isEmpty() ? null : round(values.stream().mapToDouble(Double::doubleValue).average().orElse(0));
  }

  private static double round(double value) {
    return Math.round(value * 10000) / 10000.0;
  }
}
