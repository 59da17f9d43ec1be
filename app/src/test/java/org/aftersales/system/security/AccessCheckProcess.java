package org.aftersales.system.security;

/** The test-only model processes/test-only/access-check.bpmn: one task for agents, one for inspectors. */
public final class AccessCheckProcess {

  public static final String KEY = "access-check";
  public static final String RESOURCE = "processes/test-only/access-check.bpmn";
  public static final String FORM_ID = "access-check-form";
  public static final String TASK_AGENT_WORK = "Task_AgentWork";
  public static final String TASK_INSPECTOR_WORK = "Task_InspectorWork";

  private AccessCheckProcess() {}
}
