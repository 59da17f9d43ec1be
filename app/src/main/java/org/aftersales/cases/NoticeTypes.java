package org.aftersales.cases;

import java.util.Iterator;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.core.variable.mapping.InputParameter;
import org.camunda.bpm.engine.impl.core.variable.mapping.IoMapping;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/**
 * The notice a send task sends ("Tell customer: …", "Tell seller: …") is named in the diagram by the task's input
 * parameter {@code notificationType}, a fixed word such as {@code REQUEST_APPROVED}, as designers set it in Modeler.
 * The engine would make that input a local variable each time the task runs (written to the runtime and history
 * tables and deleted again, three times per return case) though it never changes: when a model is parsed, a fixed
 * {@code notificationType} is taken out of the task's input mapping and kept on the parsed activity instead, where
 * {@link #of} reads it. An expression (${…}) stays an input, read as before.
 */
public final class NoticeTypes {

  public static final String NOTIFICATION_TYPE = "notificationType";

  private NoticeTypes() {}

  /** The notice type of the running send task: the diagram's fixed word, or its input variable. */
  public static String of(DelegateExecution execution) {
    if (execution instanceof ExecutionEntity entity && entity.getActivity() != null) {
      Object fixed = entity.getActivity().getProperty(NOTIFICATION_TYPE);
      if (fixed != null) {
        return fixed.toString();
      }
    }
    Object input = execution.getVariableLocal(NOTIFICATION_TYPE);
    return input == null ? null : input.toString();
  }

  /** Moves every send task's fixed notice type from its input mapping to the parsed activity (the process parsed). */
  static void keepOnActivities(Element scope, ProcessDefinitionImpl process, Namespace camunda) {
    for (Element child : scope.elements()) {
      if (child.getTagName().equals("sendTask")) {
        keep(child, process.findActivity(child.attribute("id")), camunda);
      } else if (child.getTagName().equals("subProcess")) {
        keepOnActivities(child, process, camunda);
      }
    }
  }

  private static void keep(Element task, ActivityImpl activity, Namespace camunda) {
    Element extensions = task.element("extensionElements");
    Element io = extensions == null ? null : extensions.elementNS(camunda, "inputOutput");
    if (activity == null || io == null || activity.getIoMapping() == null) {
      return;
    }
    IoMapping mapping = activity.getIoMapping();
    for (Element parameter : io.elementsNS(camunda, "inputParameter")) {
      String text = parameter.getText() == null ? "" : parameter.getText().trim();
      if (NOTIFICATION_TYPE.equals(parameter.attribute("name")) && text.matches("[A-Z][A-Z0-9_]*")
          && parameter.elements().isEmpty()) {
        for (Iterator<InputParameter> it = mapping.getInputParameters().iterator(); it.hasNext();) {
          if (NOTIFICATION_TYPE.equals(it.next().getName())) {
            it.remove();
            activity.setProperty(NOTIFICATION_TYPE, text);
          }
        }
      }
    }
  }
}
