package org.aftersales.system.deployment;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * What the expressions in models ({@code ${...}} in BPMN and DMN) may use: the delegates and listeners by
 * name, the helper beans listed in {@code aftersales.deployment.expression-helpers} (limits, the knowledge
 * base, ...) with their own methods, the execution's or task's variables and a few of their properties, and
 * harmless methods of plain values ({@code 'x'.concat(y)}, {@code list.size()}). Nothing else: no other bean
 * (the Spring {@code environment} holds the secrets), no {@code getClass}, reflection or {@code Runtime}, no
 * engine services. A model is checked when it is deployed ({@link ModelExpressionCheck}) and each call again
 * when an expression runs ({@link GuardedExpressionManager}), so a model that slipped past the first check
 * still runs nothing else.
 */
@Component
public class ModelExpressions {

  /** Names no expression may call or read on anything: reflection, class loading, processes, the engine. */
  static final Set<String> FORBIDDEN = Set.of("class", "getClass", "forName", "classLoader", "getClassLoader",
      "loadClass", "getRuntime", "runtime", "exec", "invoke", "newInstance", "getMethod", "getMethods",
      "getDeclaredMethod", "getDeclaredMethods", "getField", "getDeclaredField", "getConstructor",
      "getDeclaredConstructor", "module", "getModule", "wait", "notify", "notifyAll",
      "processEngineServices", "getProcessEngineServices", "processEngine", "getProcessEngine",
      "applicationContext", "getApplicationContext", "beanFactory", "getBeanFactory", "environment",
      "getEnvironment");

  /** What models may call on {@code execution} and {@code task}. */
  static final Set<String> SCOPE_METHODS = Set.of("getVariable", "getVariableLocal", "hasVariable",
      "hasVariableLocal", "setVariable", "setVariableLocal", "getProcessBusinessKey", "getBusinessKey", "getId",
      "getProcessInstanceId", "getCurrentActivityId", "getActivityInstanceId", "getEventName", "getName",
      "getTaskDefinitionKey", "getAssignee", "getExecution", "getProcessDefinitionId");

  /** ... and read as properties. */
  static final Set<String> SCOPE_PROPERTIES = Set.of("processBusinessKey", "businessKey", "id",
      "processInstanceId", "currentActivityId", "activityInstanceId", "eventName", "name", "taskDefinitionKey",
      "assignee", "execution", "processDefinitionId", "variables");

  /** Harmless methods of plain values (texts, numbers, times, lists, maps). */
  static final Set<String> VALUE_METHODS = Set.of("concat", "length", "isEmpty", "isBlank", "contains",
      "startsWith", "endsWith", "equals", "equalsIgnoreCase", "compareTo", "toUpperCase", "toLowerCase", "trim",
      "strip", "substring", "indexOf", "replace", "toString", "size", "get", "containsKey", "containsValue",
      "isBefore", "isAfter", "plus", "minus", "add", "subtract", "multiply", "negate", "abs", "signum",
      "toPlainString", "intValue", "longValue", "doubleValue", "booleanValue", "setScale", "max", "min",
      // dates, as Tasklist's filters write them (${dateTime().withTimeAtStartOfDay().plusDays(1).toDate()})
      "withTimeAtStartOfDay", "plusDays", "minusDays", "plusHours", "minusHours", "plusWeeks", "minusWeeks",
      "plusMonths", "minusMonths", "toDate");

  /** The engine's own functions, for task queries and filters: who is logged in, and the time. */
  static final Set<String> FUNCTIONS = Set.of("currentUser", "currentUserGroups", "now", "dateTime");

  private static final Set<Class<?>> VALUE_TYPES = Set.of(String.class, Number.class, Boolean.class,
      Character.class, Collection.class, Map.class, java.time.temporal.TemporalAccessor.class,
      java.time.temporal.TemporalAmount.class, java.util.Date.class, org.joda.time.ReadableInstant.class);

  private static final Set<Class<?>> DELEGATE_TYPES = Set.of(JavaDelegate.class, ExecutionListener.class,
      TaskListener.class);

  private final ApplicationContext context;
  private final Set<String> helpers;

  public ModelExpressions(ApplicationContext context,
      @Value("${aftersales.deployment.expression-helpers}") List<String> helpers) {
    this.context = context;
    this.helpers = Set.copyOf(helpers);
  }

  /** Whether a model may name this bean: a delegate, a listener or a listed helper. */
  public boolean mayUseBean(String name) {
    if (!context.containsBean(name)) {
      return false;
    }
    return helpers.contains(name) || DELEGATE_TYPES.stream().anyMatch(type -> context.isTypeMatch(name, type));
  }

  boolean isBean(String name) {
    return context.containsBean(name);
  }

  private boolean isHelper(Object base) {
    return helpers.stream().anyMatch(name -> context.containsBean(name) && context.getBean(name) == base);
  }

  /**
   * Why the expression may not run, or empty when it may: checked from its syntax before it ever runs.
   * Text without {@code ${} or {@code #{} is a literal and always fine.
   */
  public Optional<String> refusal(String expression) {
    if (expression == null || !(expression.contains("${") || expression.contains("#{"))) {
      return Optional.empty();
    }
    Node root;
    try {
      root = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS).build(expression).getRoot();
    } catch (TreeBuilderException e) {
      return Optional.empty(); // not an expression the engine takes either; it refuses it itself
    }
    Deque<Node> nodes = new ArrayDeque<>(List.of(root));
    Set<String> reasons = new java.util.LinkedHashSet<>();
    while (!nodes.isEmpty()) {
      Node node = nodes.pop();
      refusalOf(node).ifPresent(reasons::add);
      for (int i = node.getCardinality() - 1; i >= 0; i--) {
        nodes.push(node.getChild(i));
      }
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }

  private Optional<String> refusalOf(Node node) {
    if (node instanceof AstIdentifier identifier) {
      String name = identifier.getName();
      if (FORBIDDEN.contains(name) || (isBean(name) && !mayUseBean(name))) {
        return Optional.of("it uses '" + name + "', which models may not use");
      }
    } else if (node instanceof AstFunction function && !FUNCTIONS.contains(function.getName())) {
      return Optional.of("it calls the function '" + function.getName() + "', which models may not use");
    } else if (node instanceof AstDot dot) {
      String name = dotName(dot);
      if (FORBIDDEN.contains(name)) {
        return Optional.of("it uses '" + name + "', which models may not use");
      }
    } else if (node instanceof AstBracket bracket) {
      Node key = bracket.getChild(1);
      if (!(key instanceof AstNumber || key instanceof AstString)) {
        return Optional.of("it reads a property by a computed name, which models may not do");
      }
      String name = key.toString().replace("\"", "").replace("'", "");
      if (FORBIDDEN.contains(name)) {
        return Optional.of("it uses '" + name + "', which models may not use");
      }
    } else if (node instanceof AstMethod method) {
      Node property = method.getChild(0);
      if (!(property instanceof AstDot dot)) {
        return Optional.of("it calls a method by a computed name, which models may not do");
      }
      String name = dotName(dot);
      Node base = dot.getChild(0);
      boolean onHelper = base instanceof AstIdentifier id && helpers.contains(id.getName());
      boolean onScope = base instanceof AstIdentifier id && Set.of("execution", "task").contains(id.getName())
          && SCOPE_METHODS.contains(name);
      if (FORBIDDEN.contains(name) || !(onHelper || onScope || VALUE_METHODS.contains(name))) {
        return Optional.of("it calls '" + name + "', which models may not call");
      }
    }
    return Optional.empty();
  }

  private static String dotName(AstDot dot) {
    return dot.toString().substring(2);
  }

  /** Refuses, as an expression runs, reading this property of this value. */
  void checkRead(Object base, Object property) {
    String name = String.valueOf(property);
    if (FORBIDDEN.contains(name) || isDangerous(base)) {
      throw refused("reading '" + name + "'");
    }
    if ((base instanceof DelegateExecution || base instanceof DelegateTask) && !SCOPE_PROPERTIES.contains(name)) {
      throw refused("reading '" + name + "' of the " + (base instanceof DelegateTask ? "task" : "execution"));
    }
  }

  /** Refuses, as an expression runs, calling this method of this value. */
  void checkCall(Object base, Object method) {
    String name = String.valueOf(method);
    boolean allowed;
    if (FORBIDDEN.contains(name) || isDangerous(base)) {
      allowed = false;
    } else if (base instanceof DelegateExecution || base instanceof DelegateTask) {
      allowed = SCOPE_METHODS.contains(name);
    } else if (VALUE_TYPES.stream().anyMatch(type -> type.isInstance(base))) {
      allowed = VALUE_METHODS.contains(name);
    } else {
      allowed = isHelper(base);
    }
    if (!allowed) {
      throw refused("calling '" + name + "'");
    }
  }

  private static boolean isDangerous(Object base) {
    return base instanceof Class<?> || base instanceof ClassLoader || base instanceof java.lang.reflect.Member
        || base instanceof Runtime || base instanceof Thread || base instanceof ProcessEngine
        || base instanceof ProcessEngineServices || base instanceof ApplicationContext
        || base instanceof org.springframework.core.env.Environment
        || base instanceof org.springframework.beans.factory.BeanFactory;
  }

  private static ExpressionRefusedException refused(String what) {
    return new ExpressionRefusedException("A model expression was stopped: " + what + " is not allowed in models");
  }

  /** A model expression that tried what models may not do. */
  public static class ExpressionRefusedException extends org.camunda.bpm.engine.BadUserRequestException {
    public ExpressionRefusedException(String message) {
      super(message);
    }
  }
}
