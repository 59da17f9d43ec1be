package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ResourceTypes;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: when a process instance ends the engine deletes its variables one by one. {@link EndedInstances} deletes
 * those of an instance that ends in one statement; what is left in the database, runtime and history, is the same.
 * Two engines run the same cases side by side, each on its own in-memory database, counting their deletes of
 * {@code ACT_RU_VARIABLE}.
 */
class EndedInstancesTest {

  private static final BpmnModelInstance PAY = Bpmn.createExecutableProcess("pay")
      .camundaHistoryTimeToLive(180)
      .startEvent()
      .serviceTask("book").camundaExpression("${execution.setVariable('status', 'PAID')}")
      .endEvent()
      .done();
  private static final BpmnModelInstance RETURN = Bpmn.createExecutableProcess("return")
      .camundaHistoryTimeToLive(180)
      .startEvent()
      .userTask("inspect")
      .callActivity("refund").calledElement("pay").camundaIn("amount", "amount").camundaOut("status", "status")
      .userTask("close")
      .endEvent()
      .done();

  @Test
  void theVariablesOfAnInstanceThatEndsAreDeletedAtOnce() {
    Run engines = run("ended-engine", false);
    Run ours = run("ended-ours", true);

    assertThat(ours.left).isEqualTo(engines.left).isEqualTo("runtime variables 0, byte arrays 0, executions 0");
    assertThat(ours.history).isEqualTo(engines.history).hasSize(9);
    // the engine: the inspection's own variable when it is done, then the case's six when it ends (one the closing
    // task's own); the refund, started and ended in one transaction, never wrote its variables
    assertThat(engines.deletes).isEqualTo(Map.of("by id", 7L));
    // ours: the inspection's as before, the case's in one
    assertThat(ours.deletes).isEqualTo(Map.of("by id", 1L, "by instance", 1L));
  }

  private record Run(String left, List<String> history, Map<String, Long> deletes) {}

  private static long runtimeByteArrays(ProcessEngine engine) {
    DataSource database = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
    try (var connection = database.getConnection(); var statement = connection.prepareStatement(
        "SELECT COUNT(*) FROM ACT_GE_BYTEARRAY WHERE TYPE_ = ?")) {
      statement.setInt(1, ResourceTypes.RUNTIME.getValue());
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Run run(String name, boolean ours) {
    Map<String, Long> deletes = new TreeMap<>();
    ProcessEngine engine = CountedEngine.build(name, ours ? List.of(new EngineEntityManager(new JobDefinitions()))
        : List.of(), statement -> {
          if (statement.startsWith("delete from ACT_RU_VARIABLE where ID_")) {
            deletes.merge("by id", 1L, Long::sum);
          } else if (statement.startsWith("delete from ACT_RU_VARIABLE where PROC_INST_ID_")) {
            deletes.merge("by instance", 1L, Long::sum);
          }
        });
    try {
      engine.getRepositoryService().createDeployment().addModelInstance("pay.bpmn", PAY)
          .addModelInstance("return.bpmn", RETURN).deploy();
      String instance = engine.getRuntimeService().startProcessInstanceByKey("return", Variables.createVariables()
          .putValue("amount", "59.90").putValue("reason", "DEFECTIVE").putValue("photo", new byte[] {1, 2, 3})
          .putValue("note", "call first")).getId();
      String inspect = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
      engine.getTaskService().setVariableLocal(inspect, "condition", "scratched");
      engine.getRuntimeService().removeVariable(instance, "note");
      engine.getTaskService().setVariable(inspect, "seal", "broken");
      deletes.clear();
      engine.getTaskService().complete(inspect);
      String close = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
      engine.getTaskService().setVariableLocal(close, "closedBy", "agent");
      engine.getTaskService().complete(close);
      String left = "runtime variables " + engine.getRuntimeService().createVariableInstanceQuery().count()
          + ", byte arrays " + runtimeByteArrays(engine)
          + ", executions " + engine.getRuntimeService().createExecutionQuery().count();
      List<String> history = engine.getHistoryService().createHistoricVariableInstanceQuery()
          .orderByVariableName().asc().list().stream()
          .map(v -> v.getName() + " " + v.getState() + " " + (v.getTaskId() == null ? "instance" : "task")).toList();
      return new Run(left, history, Map.copyOf(deletes));
    } finally {
      engine.close();
    }
  }
}
