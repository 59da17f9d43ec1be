package org.aftersales.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbBulkOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperationManager;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperationType;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;

/**
 * The variables of a process instance that ends, deleted in one statement (issue 21).
 *
 * <p>When a process instance ends, the engine deletes each of its variables by id and revision, in the same flush as
 * the instance: 20 statements per return case. A flush in which a process instance's own execution is deleted leaves
 * none of its variables (they name the execution). So the variables of every instance that ends with two or more are
 * deleted in one statement, at the place of the variables in the engine's order (after the updates of variables,
 * before their byte arrays and executions). What is deleted is the same. What the engine's statements also checked,
 * that no other transaction changed one of those variables in the meantime, is not checked: the instance ends either
 * way, and another transaction that changes one of them afterwards finds it gone, as it finds the instance gone.
 */
final class EndedInstances {

  static final String NAMESPACE = "org.aftersales.system.EndedInstances";
  static final String DELETE_VARIABLES = NAMESPACE + ".deleteVariablesOfEndedInstances";

  private EndedInstances() {}

  /**
   * Adds our statements to the engine's MyBatis (once: a shared session factory may be asked again); false if the
   * engine has none (a configuration not built into an engine).
   */
  static boolean register(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getSqlSessionFactory() == null) {
      return false;
    }
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    synchronized (mybatis) {
      if (mybatis.hasStatement(DELETE_VARIABLES, false)) {
        return true;
      }
      String resource = "org/aftersales/system/ended-instances.xml";
      try (InputStream in = EndedInstances.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is missing");
        }
        new XMLMapperBuilder(in, mybatis, resource, mybatis.getSqlFragments()).parse();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return true;
    }
  }

  /**
   * Replaces the deletes of the variables of each process instance whose execution this flush deletes (two or more)
   * by one statement for all of them. {@code instanceOfVariable}: the process instance of each variable this command
   * loaded, by the variable's id.
   */
  static void deleteVariablesAtOnce(DbOperationManager operations, Map<String, String> instanceOfVariable) {
    SortedSet<DbEntityOperation> variables = operations.deletes.get(VariableInstanceEntity.class);
    SortedSet<DbEntityOperation> executions = operations.deletes.get(ExecutionEntity.class);
    if (variables == null || variables.size() < 2 || executions == null) {
      return;
    }
    Set<String> ended = new HashSet<>();
    for (DbEntityOperation operation : executions) {
      ExecutionEntity execution = (ExecutionEntity) operation.getEntity();
      if (execution.getId() != null && execution.getId().equals(execution.getProcessInstanceId())) {
        ended.add(execution.getId());
      }
    }
    Map<String, List<DbEntityOperation>> byInstance = new HashMap<>();
    for (DbEntityOperation operation : variables) {
      // the engine takes a variable off its execution before it deletes it: the instance it was loaded with
      String instance = instanceOfVariable.get(operation.getEntity().getId());
      if (instance != null && ended.contains(instance)) {
        byInstance.computeIfAbsent(instance, id -> new ArrayList<>()).add(operation);
      }
    }
    List<String> instances = new ArrayList<>();
    byInstance.forEach((instance, deletes) -> {
      if (deletes.size() >= 2) {
        variables.removeAll(deletes);
        instances.add(instance);
      }
    });
    if (!instances.isEmpty()) {
      instances.sort(null);
      operations.addOperation(new DbBulkOperation(DbOperationType.DELETE_BULK, VariableInstanceEntity.class,
          DELETE_VARIABLES, instances));
    }
  }
}
