package org.aftersales.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the business metrics are gathered ({@code aftersales.metrics.*}).
 *
 * @param tasksMaxAge the open and overdue task counts are read from the engine at most once in this time,
 *                    however often Prometheus scrapes; zero reads them at every scrape
 */
@ConfigurationProperties("aftersales.metrics")
public record MetricsProperties(@DefaultValue("PT30S") Duration tasksMaxAge) {}
