package org.aftersales.system.deployment;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;

/** Evaluating the designers' rule tables from Java. */
public final class RuleTables {

  private RuleTables() {}

  /** The one row the decision picks for {@code inputs}; a table without a row for them is a modelling error. */
  public static DmnDecisionResultEntries single(DecisionService decisions, String decision, Map<String, Object> inputs) {
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(decision).variables(Variables.fromMap(inputs))
        .evaluate().getSingleResult();
    if (result == null) {
      throw new IllegalStateException("Decision " + decision + " has no rule for " + inputs);
    }
    return result;
  }
}
