package org.aftersales.system.dmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aftersales.returns.ReturnEligibilityDecisionTest;
import org.aftersales.returns.ReturnProcess;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: the rule tables' FEEL is parsed once ({@link ParsedFeelEngine}), with the results and errors of Camunda's
 * own engine, which parses it again on every evaluation.
 */
class ParsedFeelEngineTest {

  @Test
  void theEligibilityTableDecidesAlikeForEveryCombinationOfItsInputs() throws Exception {
    DmnEngine camunda = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DefaultDmnEngineConfiguration parsedConfiguration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    ParsedFeelEngine feel = new ParsedFeelEngine(List.of());
    parsedConfiguration.setFeelEngineFactory(() -> feel);
    DmnEngine parsed = parsedConfiguration.buildEngine();
    DmnDecision byCamunda = decision(camunda);
    DmnDecision byUs = decision(parsed);

    int compared = 0;
    for (String type : List.of("RETURN", "REFUND_ONLY", "EXCHANGE", "RESHIP", "REPAIR")) {
      for (String reason : List.of("NO_REASON", "NOT_AS_DESCRIBED", "QUALITY", "DAMAGED", "LOST", "NOT_RECEIVED",
          "WRONG_ITEM", "SERVICE")) {
        for (Integer days : Arrays.asList(null, 0, 7, 8, 15, 30, 31, 400)) {
          for (String category : List.of("GENERAL", "PERISHABLE", "CUSTOM_MADE", "DIGITAL")) {
            for (double amount : new double[] {0, 150, 999.99, 1000, 5000}) {
              Map<String, Object> inputs = ReturnEligibilityDecisionTest.inputs(type, reason, days, category, amount);
              assertThat(results(parsed, byUs, inputs)).as(inputs.toString())
                  .isEqualTo(results(camunda, byCamunda, inputs));
              compared++;
            }
          }
        }
      }
    }
    assertThat(compared).isEqualTo(5 * 8 * 8 * 4 * 5);
    int kept = feel.kept();
    assertThat(kept).as("each expression parsed once").isPositive().isLessThan(200);
    results(parsed, byUs, Map.of("caseType", "RETURN", "reason", "QUALITY", "daysSinceDelivery", 3,
        "productCategory", "GENERAL", "amount", 10.0));
    assertThat(feel.kept()).isEqualTo(kept);
  }

  @Test
  void unaryTestsAndExpressionsGiveCamundasResultsAndErrors() {
    ScalaFeelEngine camunda = new ScalaFeelEngine(List.of());
    ParsedFeelEngine parsed = new ParsedFeelEngine(List.of());
    VariableContext variables = Variables.createVariables().putValue("cellInput", 7).putValue("price", 12.5)
        .asVariableContext();

    for (String test : List.of("> 5", "< 5", "[1..10]", "not(7)", "-", "5, 7", "> price")) {
      for (int round = 0; round < 2; round++) {
        assertThat(parsed.evaluateSimpleUnaryTests(test, "cellInput", variables)).as(test)
            .isEqualTo(camunda.evaluateSimpleUnaryTests(test, "cellInput", variables));
      }
    }
    assertThat((Object) parsed.evaluateSimpleExpression("price * 2", variables))
        .isEqualTo(camunda.evaluateSimpleExpression("price * 2", variables));

    for (String broken : List.of("> > 5", "[1..")) {
      String expected = message(() -> camunda.evaluateSimpleUnaryTests(broken, "cellInput", variables));
      assertThatThrownBy(() -> parsed.evaluateSimpleUnaryTests(broken, "cellInput", variables))
          .isInstanceOf(FeelException.class).hasMessage(expected);
    }
    for (String odd : List.of("> unknownVariable", "\"text\"", "null")) {
      assertThat(outcome(() -> parsed.evaluateSimpleUnaryTests(odd, "cellInput", variables))).as(odd)
          .isEqualTo(outcome(() -> camunda.evaluateSimpleUnaryTests(odd, "cellInput", variables)));
    }
  }

  private static String message(Runnable evaluation) {
    try {
      evaluation.run();
      return "(no error)";
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  private static String outcome(java.util.function.BooleanSupplier evaluation) {
    try {
      return String.valueOf(evaluation.getAsBoolean());
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static DmnDecision decision(DmnEngine engine) throws Exception {
    try (InputStream dmn = ParsedFeelEngineTest.class.getResourceAsStream("/processes/return-eligibility.dmn")) {
      return engine.parseDecision(ReturnProcess.ELIGIBILITY_DECISION, dmn);
    }
  }

  private static List<Map<String, Object>> results(DmnEngine engine, DmnDecision decision, Map<String, Object> inputs) {
    List<Map<String, Object>> rows = new ArrayList<>();
    engine.evaluateDecision(decision, new HashMap<>(inputs)).getResultList().forEach(row -> rows.add(new HashMap<>(row)));
    return rows;
  }
}
