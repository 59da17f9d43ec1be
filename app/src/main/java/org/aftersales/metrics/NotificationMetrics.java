package org.aftersales.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.List;
import org.aftersales.notification.NotificationStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The mails of the outbox not sent yet ({@code aftersales_notifications{status="PENDING"}}) and those the relay gave up
 * on ({@code aftersales_notifications{status="FAILED"}}, listed in the open incidents until an operator retries them).
 * Read at most once in {@code aftersales.metrics.tasks-max-age}, like the task counts.
 */
@Component
@EnableConfigurationProperties(MetricsProperties.class)
public class NotificationMetrics implements MeterBinder {

  static final String NOTIFICATIONS = "aftersales.notifications";
  static final List<String> STATUSES = List.of("PENDING", "FAILED");

  private final NotificationStore store;
  private final SystemReads reads;
  private final Clock clock;
  private final MetricsProperties properties;
  /** Held here: a gauge keeps only a weak reference to what it reads. */
  private final List<Cached<Long>> counts = new java.util.ArrayList<>();

  public NotificationMetrics(NotificationStore store, SystemReads reads, Clock clock, MetricsProperties properties) {
    this.store = store;
    this.reads = reads;
    this.clock = clock;
    this.properties = properties;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String status : STATUSES) {
      Cached<Long> count = new Cached<>(() -> reads.read("the " + status + " notifications", () -> store.count(status))
          .orElse(null), clock, properties.tasksMaxAge());
      counts.add(count);
      Gauge.builder(NOTIFICATIONS, count, c -> {
        Long current = c.get();
        return current == null ? Double.NaN : current;
      }).description("Mails in the outbox by status: not sent yet, or given up on after every attempt")
          .tag("status", status).register(registry);
    }
  }
}
