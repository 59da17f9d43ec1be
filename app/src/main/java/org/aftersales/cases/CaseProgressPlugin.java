package org.aftersales.cases;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;
import org.springframework.stereotype.Component;

/**
 * Lets designers say in the diagram what the customer reads: an element's {@code camunda:properties}
 * {@code stage}, {@code dueAt}, {@code timeline} and {@code outcome} (texts or expressions) update the
 * case record when the element starts ({@code stage}, {@code dueAt}, {@code outcome} closes the case) and
 * add a timeline entry when it ends ({@code timeline}). No Java change is needed to reword a stage. Every
 * user task also gets a name that shows the case in Tasklist's list ({@link TaskRows}, from the property
 * {@code listName}); its form reads the case's summary and history as display values ({@link CaseSummary}).
 */
@Component
public class CaseProgressPlugin extends AbstractProcessEnginePlugin {

  static final String STAGE = "stage";
  static final String DUE_AT = "dueAt";
  static final String TIMELINE = "timeline";
  static final String OUTCOME = "outcome";

  private static final Namespace CAMUNDA = new Namespace(BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS);

  private final CaseProgress progress;
  private final TaskRows rows;

  public CaseProgressPlugin(CaseProgress progress, TaskRows rows) {
    this.progress = progress;
    this.rows = rows;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(parseListener());
  }

  BpmnParseListener parseListener() {
    return new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element element, org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity
          definition) {
        NoticeTypes.keepOnActivities(element, definition, CAMUNDA);
      }

      @Override
      public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
      }

      @Override
      public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
      }

      @Override
      public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
      }

      @Override
      public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
      }

      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addTaskListener(TaskListener.EVENTNAME_CREATE, rows.forTask(properties(element).get(TaskRows.LIST_NAME)));
      }

      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
      }

      @Override
      public void parseSendTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
      }

      @Override
      public void parseReceiveTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
      }

      @Override
      public void parseBusinessRuleTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
      }

      @Override
      public void parseSubProcess(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
      }

      @Override
      public void parseExclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
      }

      @Override
      public void parseCallActivity(Element element, ScopeImpl scope, ActivityImpl activity) {
        attach(element, activity);
      }
    };
  }

  private void attach(Element element, ActivityImpl activity) {
    Map<String, String> properties = properties(element);
    String stage = properties.get(STAGE);
    String dueAt = properties.get(DUE_AT);
    String outcome = properties.get(OUTCOME);
    String timeline = properties.get(TIMELINE);
    if (stage != null || dueAt != null || outcome != null) {
      activity.addListener(ExecutionListener.EVENTNAME_START,
          (ExecutionListener) execution -> progress.entered(execution, activity.getId(), stage, dueAt, outcome));
    }
    if (timeline != null) {
      activity.addListener(ExecutionListener.EVENTNAME_END,
          (ExecutionListener) execution -> progress.passed(execution, activity.getId(), timeline));
    }
  }

  static Map<String, String> properties(Element element) {
    Map<String, String> properties = new HashMap<>();
    Element extensions = element.element("extensionElements");
    if (extensions == null) {
      return properties;
    }
    Element list = extensions.elementNS(CAMUNDA, "properties");
    if (list == null) {
      return properties;
    }
    for (Element property : list.elementsNS(CAMUNDA, "property")) {
      properties.put(property.attribute("name"), property.attribute("value"));
    }
    return properties;
  }
}
