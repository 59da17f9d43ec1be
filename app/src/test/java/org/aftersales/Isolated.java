package org.aftersales;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * For tests that start an application of their own (another database, a restart, a failing start-up).
 * Camunda's REST API finds engines in a JVM-wide registry by name, so two applications must not share a
 * JVM: surefire runs each such class in a fresh JVM (execution "isolated-tests" in app/pom.xml).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("isolated")
public @interface Isolated {}
