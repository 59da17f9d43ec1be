package org.aftersales.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The designers' rule table processes/return-eligibility.dmn: its default rows say what DOMAIN.md says.
 * A designer who changes a rule sees here which promise it breaks.
 */
public class ReturnEligibilityDecisionTest {

  static DmnDecision decision;
  static DmnEngine engine;

  @BeforeAll
  static void parse() throws Exception {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream dmn = ReturnEligibilityDecisionTest.class.getResourceAsStream("/processes/return-eligibility.dmn")) {
      decision = engine.parseDecision(ReturnProcess.ELIGIBILITY_DECISION, dmn);
    }
  }

  @ParameterizedTest(name = "{0} {1}, {2} days, {3}, {4} -> eligible {5}, automatic {6}, postage {7}")
  @CsvSource(nullValues = "null", value = {
      // type, reason, days since delivery, category, amount, eligible, auto-approve, postage paid by
      "RETURN, NO_REASON, 3, GENERAL, 150, true, true, CUSTOMER",     // seven-day rule, small amount
      "RETURN, NO_REASON, 7, GENERAL, 2999, true, false, CUSTOMER",   // seven-day rule, last day, a person looks
      "RETURN, NO_REASON, 8, GENERAL, 150, false, false, CUSTOMER",   // seven days are over
      "RETURN, NO_REASON, 2, PERISHABLE, 30, false, false, CUSTOMER", // excluded goods
      "RETURN, NOT_AS_DESCRIBED, 6, GENERAL, 2999, true, false, SELLER", // DOMAIN case 1
      "RETURN, QUALITY, 30, GENERAL, 399, true, false, SELLER",       // quality window: 30 days
      "RETURN, QUALITY, 31, GENERAL, 399, false, false, CUSTOMER",    // then the warranty applies
      "EXCHANGE, DAMAGED, 2, GENERAL, 159, true, false, SELLER",      // DOMAIN case 2
      "RESHIP, LOST, null, GENERAL, 299, true, true, SELLER",         // lost parcel, small value
      "REFUND_ONLY, LOST, null, GENERAL, 5000, true, false, SELLER",  // lost parcel, large value
      "REFUND_ONLY, NO_REASON, 2, GENERAL, 50, false, false, CUSTOMER",
      "RETURN, SERVICE, 2, GENERAL, 50, false, false, CUSTOMER"})
  void defaultRows(String type, String reason, Integer days, String category, double amount, boolean eligible,
      boolean autoApprove, String postagePaidBy) {
    DmnDecisionResultEntries result = engine.evaluateDecision(decision, inputs(type, reason, days, category, amount))
        .getSingleResult();
    assertThat(result.<Boolean>getEntry("eligible")).isEqualTo(eligible);
    assertThat(result.<Boolean>getEntry("autoApprove")).isEqualTo(autoApprove);
    assertThat(result.<String>getEntry("postagePaidBy")).isEqualTo(postagePaidBy);
    assertThat(result.<String>getEntry("customerReason")).isNotBlank();
  }

  /** The table's inputs (the delivery days may be unknown: null). */
  public static Map<String, Object> inputs(String type, String reason, Integer days, String category, double amount) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("caseType", type);
    inputs.put("reason", reason);
    inputs.put("daysSinceDelivery", days);
    inputs.put("productCategory", category);
    inputs.put("amount", amount);
    return inputs;
  }
}
