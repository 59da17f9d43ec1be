package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionManager;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: when the engine deletes an event subscription it looks for jobs that would deliver the event later.
 * {@link MessageSubscriptions} does not for a message, which is never delivered so; a signal thrown asynchronously
 * still has its job deleted with the subscription. Two engines run the same cases side by side, each on its own
 * in-memory database, counting their look-ups in {@code ACT_RU_JOB}.
 */
class MessageSubscriptionsTest {

  private static final BpmnModelInstance PAID = Bpmn.createExecutableProcess("paid")
      .camundaHistoryTimeToLive(180)
      .startEvent()
      .intermediateCatchEvent("waitForPayment").message("payment-result")
      .endEvent()
      .done();
  private static final BpmnModelInstance LISTENING = Bpmn.createExecutableProcess("listening")
      .camundaHistoryTimeToLive(180)
      .startEvent()
      .intermediateCatchEvent("waitForRecall").signal("recall")
      .endEvent()
      .done();
  private static final BpmnModelInstance RECALLING = recalling();

  @Test
  void aMessageSubscriptionIsDeletedWithoutLookingForJobs() {
    Run engines = run("subscriptions-engine", false);
    Run ours = run("subscriptions-ours", true);

    assertThat(ours.outcome).isEqualTo(engines.outcome)
        .isEqualTo("paid ended: true, listening deleted: true, jobs left: 0, subscriptions left: 0");
    // the engine: the message's subscription and the signal's; ours: the signal's (whose pending job it deletes)
    assertThat(engines.lookups).isEqualTo(2);
    assertThat(ours.lookups).isEqualTo(1);
  }

  private record Run(String outcome, int lookups) {}

  /**
   * A case waiting for a payment gets it; a case waiting for a recall is deleted after the recall was thrown
   * asynchronously, before its delivery ran.
   */
  private static Run run(String name, boolean ours) {
    AtomicInteger lookups = new AtomicInteger();
    ProcessEngine engine = CountedEngine.build(name, ours ? List.of(new MessageSubscriptions()) : List.of(),
        CountedEngine.counting(lookups, statement -> statement.contains("from ACT_RU_JOB where HANDLER_TYPE_")));
    try {
      assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getSessionFactories()
          .get(EventSubscriptionManager.class).getSessionType())
          .isEqualTo(ours ? MessageSubscriptions.Manager.class : EventSubscriptionManager.class);
      engine.getRepositoryService().createDeployment().addModelInstance("paid.bpmn", PAID)
          .addModelInstance("listening.bpmn", LISTENING).addModelInstance("recalling.bpmn", RECALLING).deploy();
      String paid = engine.getRuntimeService().startProcessInstanceByKey("paid").getId();
      String listening = engine.getRuntimeService().startProcessInstanceByKey("listening").getId();
      engine.getRuntimeService().startProcessInstanceByKey("recalling");
      assertThat(engine.getManagementService().createJobQuery().processInstanceId(listening).count()).isOne();
      lookups.set(0);
      engine.getRuntimeService().createMessageCorrelation("payment-result").processInstanceId(paid).correlate();
      engine.getRuntimeService().deleteProcessInstance(listening, "withdrawn");
      String outcome = "paid ended: "
          + (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(paid).count() == 0)
          + ", listening deleted: " + "withdrawn".equals(engine.getHistoryService()
              .createHistoricProcessInstanceQuery().processInstanceId(listening).singleResult().getDeleteReason())
          + ", jobs left: " + engine.getManagementService().createJobQuery().count()
          + ", subscriptions left: " + engine.getRuntimeService().createEventSubscriptionQuery().count();
      return new Run(outcome, lookups.get());
    } finally {
      engine.close();
    }
  }

  private static BpmnModelInstance recalling() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("recalling")
        .camundaHistoryTimeToLive(180)
        .startEvent()
        .intermediateThrowEvent("recall").signal("recall")
        .endEvent()
        .done();
    model.getModelElementsByType(SignalEventDefinition.class).forEach(signal -> signal.setCamundaAsync(true));
    return model;
  }
}
