package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.aftersales.AfterSalesIntegrationTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Issue 21: Camunda's bridge to Spring events is off. Nothing in the application listens to the engine's execution,
 * task and history events as Spring events, and publishing each of them cost CPU on every step of every case.
 */
@AfterSalesIntegrationTest
class SpringEventBridgeTest {

  @Autowired ProcessEngine engine;
  @Autowired ConfigurableApplicationContext context;

  @Test
  void theEnginePublishesNoSpringEventsWhileAProcessRuns() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getCustomPostBPMNParseListeners())
        .noneMatch(l -> l.getClass().getName().contains("PublishDelegateParseListener"));
    assertThat(configuration.getCustomHistoryEventHandlers())
        .noneMatch(h -> h.getClass().getName().contains("PublishHistoryEventHandler"));

    List<Object> received = new CopyOnWriteArrayList<>();
    ApplicationListener<PayloadApplicationEvent<?>> listener = event -> {
      Object payload = event.getPayload();
      if (payload instanceof DelegateExecution || payload instanceof DelegateTask || payload instanceof HistoryEvent) {
        received.add(payload);
      }
    };
    context.addApplicationListener(listener);
    String deployment = engine.getRepositoryService().createDeployment().name("spring-event-bridge-test")
        .addModelInstance("bridge.bpmn", Bpmn.createExecutableProcess("springEventBridgeTest")
            .camundaHistoryTimeToLive(1).startEvent().userTask("task").endEvent().done())
        .deploy().getId();
    try {
      String instance = engine.getRuntimeService().startProcessInstanceByKey("springEventBridgeTest").getId();
      engine.getTaskService().complete(
          engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId());

      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
          .finished().count()).isOne();
      assertThat(received).isEmpty();
    } finally {
      context.removeApplicationListener(listener);
      engine.getRepositoryService().deleteDeployment(deployment, true);
    }
  }
}
