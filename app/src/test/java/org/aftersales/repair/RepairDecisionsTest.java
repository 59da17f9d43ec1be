package org.aftersales.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The designers' repair tables: who pays (repair-coverage) and which faults customers can fix (self-repair-advice). */
class RepairDecisionsTest {

  static final DmnEngine ENGINE = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  static DmnDecisionResultEntries evaluate(String key, Map<String, Object> inputs) throws Exception {
    try (InputStream dmn = RepairDecisionsTest.class.getResourceAsStream("/processes/" + key + ".dmn")) {
      return ENGINE.evaluateDecision(ENGINE.parseDecision(key, dmn), inputs).getSingleResult();
    }
  }

  @ParameterizedTest(name = "{0}, {1} of {2} months, {3} -> {4}")
  @CsvSource({
      "PHONE, 3, 12, QUALITY_DEFECT, FREE, true",
      "PHONE, 3, 12, UNKNOWN, FREE, true",
      "PHONE, 11, 12, ACCIDENTAL_DAMAGE, PAID, false",
      "PHONE, 5, 12, MISUSE, PAID, false",
      "PHONE, 12, 12, QUALITY_DEFECT, PAID, false",
      "APPLIANCE, 20, 24, QUALITY_DEFECT, FREE, true",
      "CONSUMABLE, 1, 12, QUALITY_DEFECT, NOT_REPAIRABLE, false"})
  void coverage(String category, int months, int warranty, String cause, String coverage, boolean evidence) throws Exception {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("productCategory", category);
    inputs.put("monthsSinceDelivery", months);
    inputs.put("warrantyMonths", warranty);
    inputs.put("faultCause", cause);
    DmnDecisionResultEntries result = evaluate(RepairProcess.COVERAGE_DECISION, inputs);
    assertThat(result.<String>getEntry("coverage")).isEqualTo(coverage);
    assertThat(result.<Boolean>getEntry("evidenceRequired")).isEqualTo(evidence);
    assertThat(result.<String>getEntry("customerReason")).isNotBlank();
  }

  @ParameterizedTest(name = "{0} {1} -> ''{2}''")
  @CsvSource({"PHONE, WONT_TURN_ON, power-reset", "COMPUTER, CONNECTIVITY, network-reset", "APPLIANCE, NOISE, fan-cleaning",
      "PHONE, SCREEN_FLICKER, ''", "APPLIANCE, WONT_TURN_ON, ''"})
  void selfRepairAdvice(String category, String fault, String article) throws Exception {
    DmnDecisionResultEntries result = evaluate(RepairProcess.SELF_REPAIR_DECISION,
        Map.of("productCategory", category, "fault", fault));
    assertThat(result.<String>getEntry("article")).isEqualTo(article);
  }
}
