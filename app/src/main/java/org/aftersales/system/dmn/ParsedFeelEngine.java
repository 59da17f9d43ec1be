package org.aftersales.system.dmn;

import camundajar.impl.scala.collection.immutable.Map$;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Camunda's FEEL engine for the rule tables, parsing each expression once (issue 21). Camunda's own
 * {@link ScalaFeelEngine} parses every input entry, input expression and output entry again on every evaluation:
 * with the eligibility table evaluated for each new case that was about 3 % of the application's CPU in the
 * benchmark (JFR, 2026-12-06), all of it in the shop's request that opens the case. This engine keeps what the
 * parser made of an expression (at most {@link #MAX_KEPT} of each kind; a model with more starts the cache
 * afresh) and evaluates it in the same context as Camunda's engine does, with the same results and the same errors:
 * an expression that does not parse is handed to Camunda's engine, which reports it as before.
 */
public class ParsedFeelEngine extends ScalaFeelEngine {

  static final int MAX_KEPT = 5_000;
  /** The name under which Camunda's engine passes the input entry's variable to a unary test. */
  private static final String INPUT_VARIABLE_NAME = "inputVariableName";

  private final Map<String, ParsedExpression> expressions = new ConcurrentHashMap<>();
  private final Map<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();

  public ParsedFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
    super(functionProviders);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
    ParsedExpression parsed = parsed(expressions, expression, false);
    if (parsed == null) {
      return super.evaluateSimpleExpression(expression, variableContext);
    }
    ContextVariableWrapper variables = new ContextVariableWrapper(variableContext);
    return (T) value(feelEngine.eval(parsed, new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return variables;
      }
    }));
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
    ParsedExpression parsed = parsed(unaryTests, expression, true);
    if (parsed == null) {
      return super.evaluateSimpleUnaryTests(expression, inputVariable, variableContext);
    }
    StaticVariableProvider input = new StaticVariableProvider(Map$.MODULE$.<String, Object>empty()
        .updated(INPUT_VARIABLE_NAME, inputVariable));
    ContextVariableWrapper variables = new ContextVariableWrapper(variableContext);
    return camundajar.impl.scala.runtime.BoxesRunTime.unboxToBoolean(value(feelEngine.eval(parsed, new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return new CompositeVariableProvider(toScalaList(input, variables));
      }
    })));
  }

  /** What the parser made of the expression, kept; null if it does not parse. */
  private ParsedExpression parsed(Map<String, ParsedExpression> kept, String expression, boolean unary) {
    ParsedExpression parsed = kept.get(expression);
    if (parsed != null) {
      return parsed;
    }
    Either<Failure, ParsedExpression> result = unary ? feelEngine.parseUnaryTests(expression)
        : feelEngine.parseExpression(expression);
    if (!(result instanceof Right<Failure, ParsedExpression> right)) {
      return null;
    }
    if (kept.size() >= MAX_KEPT) {
      kept.clear();
    }
    kept.put(expression, right.value());
    return right.value();
  }

  private static Object value(Either<Failure, Object> result) {
    if (result instanceof Right<Failure, Object> right) {
      return right.value();
    }
    throw LOGGER.evaluationException(((Left<Failure, Object>) result).value().message());
  }

  /** How many parsed expressions and unary tests are kept (for tests). */
  int kept() {
    return expressions.size() + unaryTests.size();
  }
}
