package org.aftersales.system.deployment;

import java.util.AbstractMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ValueExpression;
import org.springframework.context.ApplicationContext;

/**
 * The engine's expression manager, limited to what {@link ModelExpressions} allows: an expression that
 * breaks the rules is refused when it is created (a model being deployed), and every bean look-up, property
 * read and method call is checked again as it runs. Beans other than delegates, listeners and the listed
 * helpers are unknown to expressions.
 */
class GuardedExpressionManager extends SpringExpressionManager {

  private final ModelExpressions rules;

  GuardedExpressionManager(ApplicationContext context, ModelExpressions rules) {
    super(context, new AllowedBeans(context, rules));
    this.rules = rules;
  }

  @Override
  public ValueExpression createValueExpression(String expression) {
    rules.refusal(expression).ifPresent(reason -> {
      throw new ModelExpressions.ExpressionRefusedException("The expression " + expression + " is refused: " + reason);
    });
    return super.createValueExpression(expression);
  }

  @Override
  protected ELResolver createElResolver() {
    return new Guard(super.createElResolver(), rules);
  }

  /** The beans expressions see, looked up when used: only those {@link ModelExpressions} allows. */
  private static final class AllowedBeans extends AbstractMap<Object, Object> {
    private final ApplicationContext context;
    private final ModelExpressions rules;

    AllowedBeans(ApplicationContext context, ModelExpressions rules) {
      this.context = context;
      this.rules = rules;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String name && rules.mayUseBean(name);
    }

    @Override
    public Object get(Object key) {
      return containsKey(key) ? context.getBean((String) key) : null;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      return Set.of(); // never listed, only looked up
    }
  }

  /** Checks each property read and method call before the engine's resolvers do it. */
  private static final class Guard extends ELResolver {
    private final ELResolver resolver;
    private final ModelExpressions rules;

    Guard(ELResolver resolver, ModelExpressions rules) {
      this.resolver = resolver;
      this.rules = rules;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      if (base != null) {
        rules.checkRead(base, property);
      }
      return resolver.getValue(context, base, property);
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
      if (base != null) {
        rules.checkCall(base, method);
      }
      return resolver.invoke(context, base, method, paramTypes, params);
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
      if (base != null) {
        rules.checkRead(base, property);
      }
      return resolver.getType(context, base, property);
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
      if (base != null) {
        rules.checkCall(base, "set " + property);
      }
      resolver.setValue(context, base, property, value);
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
      return resolver.isReadOnly(context, base, property);
    }

    @Override
    public Iterator<java.beans.FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
      return resolver.getFeatureDescriptors(context, base);
    }

    @Override
    public Object convertToType(ELContext context, Object value, Class<?> type) {
      return resolver.convertToType(context, value, type);
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
      return resolver.getCommonPropertyType(context, base);
    }
  }
}
