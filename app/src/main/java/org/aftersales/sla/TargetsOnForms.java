package org.aftersales.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseTargets;
import org.aftersales.system.BusinessTime;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The targets of a case as its task forms show them ({@link CaseTargets}), counted as the service figures count. */
@Component
class TargetsOnForms implements CaseTargets {

  private static final String ZH = "zh";

  private final SlaProperties sla;
  private final SlaCalculator calculator;
  private final BusinessTime time;
  private final Clock clock;

  TargetsOnForms(SlaProperties sla, @Lazy SlaCalculator calculator, BusinessTime time, Clock clock) {
    this.sla = sla;
    this.calculator = calculator;
    this.time = time;
    this.clock = clock;
  }

  /**
   * The SLA policy's targets for the case (Markdown): first response and resolution, each with its deadline and
   * the time left, counted as {@link SlaCalculator} counts them (working time when the business calendar is on,
   * without the time spent waiting for the customer); and when this task is due.
   */
  @Override
  public String describe(CaseRecord c, Date taskDue) {
    Instant now = clock.instant();
    CaseSla figures = calculator.of(c);
    BusinessCalendar calendar = new BusinessCalendar(sla.calendar());
    StringBuilder text = new StringBuilder();
    text.append("- **首次响应 First response**：目标 ").append(duration(sla.firstResponseTarget())).append("，");
    if (figures.firstResponseAt() != null) {
      text.append("已于 ").append(time.format(figures.firstResponseAt(), ZH)).append(" 响应")
          .append(Boolean.FALSE.equals(figures.responseOnTime()) ? "（超时 late）" : "（按时 on time）");
    } else {
      text.append(left(now, sla.firstResponseTarget().minus(calendar.between(c.openedAt(), now))));
    }
    text.append('\n');
    text.append("- **解决 Resolution**：目标 ").append(duration(sla.resolutionTarget())).append("，");
    if (figures.openMinutes() == null) {
      text.append("已结案 closed");
    } else {
      text.append(left(now, sla.resolutionTarget().minus(Duration.ofMinutes(figures.openMinutes()))));
    }
    if (figures.customerWaitingMinutes() > 0) {
      text.append("（等待客户的 ").append(duration(Duration.ofMinutes(figures.customerWaitingMinutes())))
          .append("不计入 customer's waiting time not counted）");
    }
    text.append('\n');
    if (taskDue != null) {
      text.append("- **本任务截止 This task is due**：").append(time.format(taskDue.toInstant(), ZH)).append('\n');
    }
    if (sla.calendar().enabled()) {
      text.append("- 按工作时间计算 counted in working time\n");
    }
    return text.toString().stripTrailing();
  }

  /** "截止 …，还剩 1天3小时" or "已超时 2小时 (overdue)"; the deadline is shown when the clock runs around the clock. */
  private String left(Instant now, Duration left) {
    if (left.isNegative() || left.isZero()) {
      return "**已超时 overdue** " + duration(left.negated());
    }
    String deadline = sla.calendar().enabled() ? "" : "截止 " + time.format(now.plus(left), ZH) + "，";
    return deadline + "还剩 " + duration(left) + " left";
  }

  /** A duration for people: "1天3小时", "5小时20分", "45分". */
  static String duration(Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    long days = minutes / (24 * 60);
    long hours = minutes % (24 * 60) / 60;
    long rest = minutes % 60;
    StringBuilder text = new StringBuilder();
    if (days > 0) {
      text.append(days).append("天");
    }
    if (hours > 0) {
      text.append(hours).append("小时");
    }
    if (days == 0 && (rest > 0 || hours == 0)) {
      text.append(rest).append("分钟");
    }
    return text.toString();
  }
}
