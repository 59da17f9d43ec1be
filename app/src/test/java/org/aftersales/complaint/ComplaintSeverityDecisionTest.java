package org.aftersales.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.aftersales.cases.ComplaintCategory;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The designers' rule table processes/complaint-severity.dmn: its default rows, and that every category
 * finds a row whatever the other inputs, with limits the flow can work with.
 */
class ComplaintSeverityDecisionTest {

  static DmnDecision decision;
  static DmnEngine engine;

  @BeforeAll
  static void parse() throws Exception {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream dmn = ComplaintSeverityDecisionTest.class.getResourceAsStream("/processes/complaint-severity.dmn")) {
      decision = engine.parseDecision(ComplaintProcess.SEVERITY_DECISION, dmn);
    }
  }

  static DmnDecisionResultEntries evaluate(String category, double amount, boolean before, boolean second) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("category", category);
    inputs.put("amount", amount);
    inputs.put("complainedBefore", before);
    inputs.put("secondComplaint", second);
    return engine.evaluateDecision(decision, inputs).getSingleResult();
  }

  @ParameterizedTest(name = "{0}, {1}, before {2}, second {3} -> {4}, {5} h / {6} h, x{7}")
  @CsvSource({
      // category, amount, complained before, second complaint, priority, first response h, resolution h, max compensation multiple
      "SAFETY, 99, false, false, URGENT, 2, 24, 1",
      "FRAUD, 99, false, false, URGENT, 4, 48, 3",                   // 退一赔三
      "COUNTERFEIT, 399, false, false, HIGH, 4, 72, 10",             // 假一赔十
      "REFUSED_AFTER_SALES, 399, false, false, NORMAL, 12, 120, 1",  // DOMAIN case 3, the noisy fan
      "REFUSED_AFTER_SALES, 2999, false, false, HIGH, 8, 72, 1",     // a large order
      "REFUSED_AFTER_SALES, 399, true, false, HIGH, 8, 72, 1",       // complained about this seller before
      "REFUSED_AFTER_SALES, 399, false, true, HIGH, 8, 72, 1",       // second complaint
      "SERVICE_ATTITUDE, 399, false, false, LOW, 24, 168, 0.2",
      "LOGISTICS, 399, false, true, HIGH, 8, 72, 0.2"})
  void defaultRows(String category, double amount, boolean before, boolean second, String priority, int firstResponse,
      int resolution, double multiple) {
    DmnDecisionResultEntries result = evaluate(category, amount, before, second);
    assertThat(result.<String>getEntry("priority")).isEqualTo(priority);
    assertThat(result.<Integer>getEntry("firstResponseHours")).isEqualTo(firstResponse);
    assertThat(result.<Integer>getEntry("resolutionHours")).isEqualTo(resolution);
    assertThat(result.<Double>getEntry("compensationMultiple")).isEqualTo(multiple);
  }

  @Test
  void everyCategoryHasWorkableLimits() {
    for (ComplaintCategory category : ComplaintCategory.values()) {
      for (boolean before : new boolean[] {false, true}) {
        for (boolean second : new boolean[] {false, true}) {
          for (double amount : new double[] {0.01, 500, 100000}) {
            DmnDecisionResultEntries r = evaluate(category.name(), amount, before, second);
            String what = category + " " + amount + " " + before + " " + second;
            assertThat(r).as(what).isNotNull();
            assertThat(Arrays.asList("LOW", "NORMAL", "HIGH", "URGENT")).as(what).contains(r.<String>getEntry("priority"));
            int first = r.<Integer>getEntry("firstResponseHours");
            int resolution = r.<Integer>getEntry("resolutionHours");
            assertThat(first).as(what).isPositive().isLessThan(resolution);
            assertThat(r.<Integer>getEntry("taskPriority")).as(what).isBetween(0, 100);
            assertThat(r.<Double>getEntry("compensationMultiple")).as(what).isBetween(0.0, 10.0);
          }
        }
      }
    }
  }
}
