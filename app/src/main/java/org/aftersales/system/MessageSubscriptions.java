package org.aftersales.system;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionManager;
import org.springframework.stereotype.Component;

/**
 * The engine's event subscriptions, without looking for jobs a message can never have (issue 21).
 *
 * <p>When a flow stops waiting for an event (a parcel delivered, a refund paid, a timer's race won), the engine deletes
 * its subscription and asks {@code ACT_RU_JOB} for jobs that would deliver the event to it later: a query for every
 * subscription, 4 per return case. Such a job exists only for a signal thrown asynchronously
 * ({@code camunda:async} on a throwing signal event) or a compensation thrown without waiting; a message or a condition
 * is always delivered in the transaction that receives it. So a message or conditional subscription is deleted
 * without that query; a signal or compensation subscription as the engine does.
 */
@Component
public class MessageSubscriptions extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.getSessionFactories().put(EventSubscriptionManager.class, new GenericManagerFactory(Manager.class));
  }

  /** The engine's manager, which deletes a message or conditional subscription without looking for its jobs. */
  public static class Manager extends EventSubscriptionManager {

    @Override
    public void deleteEventSubscription(EventSubscriptionEntity subscription) {
      if (subscription.isSubscriptionForEventType(EventType.MESSAGE)
          || subscription.isSubscriptionForEventType(EventType.CONDITONAL)) {
        getDbEntityManager().delete(subscription);
      } else {
        super.deleteEventSubscription(subscription);
      }
    }
  }
}
