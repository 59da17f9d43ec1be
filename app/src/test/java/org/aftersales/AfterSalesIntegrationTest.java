package org.aftersales;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The whole application on the embedded default (H2 file database in a fresh folder under target/,
 * demo users) on a random port, with metrics exported as in production (the task gauges not cached). Every
 * test class with this annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "aftersales.data-dir=./target/test-data/${random.uuid}",
    // the task gauges are read at every scrape, so that a test sees at once the task it just changed
    "aftersales.metrics.tasks-max-age=PT0S"})
public @interface AfterSalesIntegrationTest {}
