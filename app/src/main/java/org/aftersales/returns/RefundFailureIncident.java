package org.aftersales.returns;

import static org.aftersales.returns.ReturnProcess.Var;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ResolveFailedRefund}: while finance works on a refund the provider keeps failing, Cockpit shows
 * an incident of type {@value #TYPE} on the case; it is resolved when finance completes the task.
 */
@Component
public class RefundFailureIncident implements ExecutionListener {

  public static final String TYPE = "refundFailed";

  @Override
  public void notify(DelegateExecution execution) {
    if (EVENTNAME_START.equals(execution.getEventName())) {
      execution.createIncident(TYPE, String.valueOf(execution.getVariable(Var.REFUND_ID)),
          "Refund failed " + execution.getVariable(Var.REFUND_FAILURES) + " times: "
              + execution.getVariable(Var.REFUND_FAILURE_REASON));
    } else {
      for (Incident incident : execution.getProcessEngineServices().getRuntimeService().createIncidentQuery()
          .executionId(execution.getId()).incidentType(TYPE).list()) {
        execution.resolveIncident(incident.getId());
      }
    }
  }
}
