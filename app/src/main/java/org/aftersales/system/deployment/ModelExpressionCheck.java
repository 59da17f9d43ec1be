package org.aftersales.system.deployment;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Checks every BPMN and DMN model before the engine deploys it, whoever deploys it (start-up, live reload,
 * Camunda Modeler through {@code /engine-rest}): every expression in an attribute or a text must keep to
 * {@link ModelExpressions}, and scripts (script tasks, script listeners and mappings, conditions or DMN
 * expressions in another language than JUEL or FEEL) are refused outright. A refused model answers 400
 * naming the resource, the element and why; nothing of it is deployed or run. Also installs the
 * {@link GuardedExpressionManager} that checks each expression again as it runs.
 */
@Component
public class ModelExpressionCheck extends AbstractProcessEnginePlugin implements Deployer {

  private final ApplicationContext context;
  private final ModelExpressions rules;

  public ModelExpressionCheck(ApplicationContext context, ModelExpressions rules) {
    this.context = context;
    this.rules = rules;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setExpressionManager(new GuardedExpressionManager(context, rules));
    if (configuration.getCustomPreDeployers() == null) {
      configuration.setCustomPreDeployers(new ArrayList<>());
    }
    configuration.getCustomPreDeployers().add(this);
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (deployment.getResources() == null) {
      return;
    }
    List<String> problems = new ArrayList<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      String name = resource.getName().toLowerCase(Locale.ROOT);
      if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml") || name.endsWith(".dmn")
          || name.endsWith(".dmn11.xml")) {
        problems.addAll(check(resource.getName(), resource.getBytes()));
      }
    }
    if (!problems.isEmpty()) {
      throw new BadUserRequestException("The deployment is refused: " + String.join("; ", problems));
    }
  }

  /** What is wrong with one model, one line per element; empty when nothing is. */
  List<String> check(String resource, byte[] xml) {
    List<String> problems = new ArrayList<>();
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      walk(resource, factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement(),
          problems);
    } catch (Exception e) {
      return List.of(); // not XML the engine takes either: its own parser names the fault
    }
    return problems;
  }

  private void walk(String resource, Element element, List<String> problems) {
    String local = element.getLocalName();
    if ("scriptTask".equals(local) || "script".equals(local)) {
      problems.add(where(resource, element, local) + ": scripts are not allowed in models");
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
      if (("expressionLanguage".equals(name) || "language".equals(name) || "scriptFormat".equals(name))
          && !isExpressionLanguage(attribute.getValue())) {
        problems.add(where(resource, element, name) + ": the language '" + attribute.getValue()
            + "' is not allowed in models (use JUEL or FEEL)");
      }
      rules.refusal(attribute.getValue())
          .ifPresent(reason -> problems.add(where(resource, element, name) + ": the expression is refused, " + reason));
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element nested) {
        walk(resource, nested, problems);
      } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        rules.refusal(child.getNodeValue()).ifPresent(reason ->
            problems.add(where(resource, element, local) + ": the expression is refused, " + reason));
      }
    }
  }

  private static boolean isExpressionLanguage(String language) {
    String lower = language.toLowerCase(Locale.ROOT);
    // XPath: what BPMN names as its default, which the engine never runs
    return lower.equals("juel") || lower.contains("feel") || lower.startsWith("http://www.w3.org/1999/xpath");
  }

  /** "return-request.bpmn, element 'StartEvent_Timer' (timeDate)": the nearest element with an id. */
  private static String where(String resource, Element element, String what) {
    Node node = element;
    while (node instanceof Element e && e.getAttribute("id").isEmpty()) {
      node = e.getParentNode();
    }
    String id = node instanceof Element e ? e.getAttribute("id") : "?";
    return resource + ", element '" + id + "' (" + what + ")";
  }
}
