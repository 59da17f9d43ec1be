package org.aftersales.benchmark;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Knows, without asking the database, which cases have finished: an engine plugin adds an end listener to the
 * processes the benchmark drives ({@code return-request}, {@code bare-return}), which records the process instance
 * once the transaction that ended it has committed. The benchmark counts completed cases per second from it and
 * keeps its number of cases in flight with it; polling the history tables instead would add statements to the very
 * figures being measured.
 */
public final class Completions extends AbstractProcessEnginePlugin {

  private final Set<String> keys;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<String, String> businessKeys = new ConcurrentHashMap<>();
  private volatile Consumer<String> onCompletion = key -> {};

  public Completions(Set<String> processKeys) {
    this.keys = processKeys;
    processKeys.forEach(k -> counts.put(k, new LongAdder()));
  }

  /** Told the process key of every completion, after its commit (the load's in-flight limit). */
  public void onCompletion(Consumer<String> listener) {
    this.onCompletion = listener;
  }

  public long count(String processKey) {
    return counts.get(processKey).sum();
  }

  /** Process instance id to business key of every completed instance. */
  public Map<String, String> completed() {
    return Map.copyOf(businessKeys);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        String key = processDefinition.getKey();
        if (keys.contains(key)) {
          processDefinition.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) e -> ended(key, e));
        }
      }
    });
  }

  private void ended(String key, DelegateExecution execution) {
    String id = execution.getProcessInstanceId();
    String businessKey = execution.getProcessBusinessKey();
    Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED, c -> {
      counts.get(key).increment();
      businessKeys.put(id, businessKey == null ? "" : businessKey);
      onCompletion.accept(key);
    });
  }
}
