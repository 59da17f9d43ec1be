package org.aftersales.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.type.ModelElementType;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ScannedGenericBeanDefinition;
import org.springframework.core.env.StandardEnvironment;

/**
 * Checks of the designers' files (the element templates in {@code .camunda/element-templates}, the models in
 * {@code processes/}) against each other and against the application's code. Every check returns the problems it
 * found, each naming the file, the element or template and the fix, so a test can assert that the list is empty and
 * show all problems at once; an empty list means the check passed. Nothing here needs a Spring context or an engine.
 */
public final class ModelChecks {

  public static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  /** The Camunda 7 element-template schema; Camunda 8 templates use a different one. */
  public static final String TEMPLATE_SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
  /** Where the tests run (the app module) relative to the repository top, or the top itself. */
  public static final Path TOP = Files.isDirectory(Path.of("processes")) ? Path.of(".") : Path.of("..");
  public static final Path TEMPLATES = TOP.resolve(".camunda/element-templates");
  public static final Path PROCESSES = TOP.resolve("processes");
  public static final Path MAIN_SOURCES = TOP.resolve("app/src/main/java");
  public static final String BASE_PACKAGE = "org.aftersales";
  /** How messages name the templates' folder. */
  static final String TEMPLATES_FOLDER = ".camunda/element-templates";

  /** Binding types of the Camunda 7 element-template schema, with the field types each allows. */
  static final Map<String, Set<String>> BINDING_TYPES = Map.ofEntries(
      Map.entry("property", Set.of("String", "Text", "Hidden", "Dropdown", "Boolean")),
      Map.entry("camunda:property", Set.of("String", "Hidden", "Dropdown")),
      Map.entry("camunda:inputParameter", Set.of("String", "Text", "Hidden", "Dropdown")),
      Map.entry("camunda:outputParameter", Set.of("String", "Hidden", "Dropdown")),
      Map.entry("camunda:in", Set.of("String", "Hidden", "Dropdown")),
      Map.entry("camunda:in:businessKey", Set.of("String", "Hidden", "Dropdown")),
      Map.entry("camunda:out", Set.of("String", "Hidden", "Dropdown")),
      Map.entry("camunda:executionListener", Set.of("Hidden")),
      Map.entry("camunda:field", Set.of("String", "Text", "Hidden", "Dropdown")),
      Map.entry("camunda:errorEventDefinition", Set.of("String", "Hidden", "Dropdown")));
  static final Set<String> NAMED_BINDINGS = Set.of("property", "camunda:property", "camunda:inputParameter", "camunda:field");
  static final Pattern BPMN_TYPE = Pattern.compile("^[\\w\\d]+:[\\w\\d]+$");
  static final Pattern BEAN_EXPRESSION = Pattern.compile("^\\$\\{([A-Za-z_$][A-Za-z0-9_$]*)}$");
  /** Attribute values the engine assumes when a model leaves them out. */
  static final Map<String, String> ATTRIBUTE_DEFAULTS = Map.of("camunda:asyncBefore", "false",
      "camunda:asyncAfter", "false", "camunda:exclusive", "true");

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelChecks() {}

  // ------------------------------------------------------------------------------------------ reading

  /** One element template: the file it came from (relative to the repository top) and its JSON. */
  public record Template(String file, JsonNode json) {

    public String id() {
      return json.path("id").asText("");
    }

    public String name() {
      return json.path("name").asText("");
    }

    public String label() {
      return "template " + id() + " (" + file + ")";
    }

    public List<JsonNode> properties() {
      return list(json.path("properties"));
    }

    public Set<String> appliesTo() {
      return list(json.path("appliesTo")).stream().map(JsonNode::asText).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The value of the property bound to {@code camunda:delegateExpression}, such as {@code ${bookPickupDelegate}}. */
    public Optional<String> delegateExpression() {
      return properties().stream().filter(p -> "property".equals(bindingType(p))
              && "camunda:delegateExpression".equals(p.path("binding").path("name").asText()))
          .map(p -> p.path("value").asText(null)).filter(Objects::nonNull).findFirst();
    }

    /** The bean the delegate expression names, if it is a plain {@code ${bean}}. */
    public Optional<String> bean() {
      return delegateExpression().map(BEAN_EXPRESSION::matcher).filter(Matcher::matches).map(m -> m.group(1));
    }

    public List<JsonNode> bound(String bindingType) {
      return properties().stream().filter(p -> bindingType.equals(bindingType(p))).toList();
    }

    /** The BPMN error codes the delegate throws ({@code metadata.bpmnErrors}). */
    public Set<String> bpmnErrors() {
      return list(json.path("metadata").path("bpmnErrors")).stream().map(JsonNode::asText)
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** One BPMN model: the file it came from (relative to the repository top) and the parsed model. */
  public record Model(String file, BpmnModelInstance bpmn) {}

  public static List<Template> readTemplates(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      List<Template> templates = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = JSON.readTree(file.toFile());
        // a file holds one template or a list of them
        for (JsonNode template : root.isArray() ? list(root) : List.of(root)) {
          templates.add(new Template(relative(file), template));
        }
      }
      return templates;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<Model> readModels(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted()
          .map(f -> new Model(relative(f), Bpmn.readModelFromFile(f.toFile()))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The application's Spring beans that component scanning finds in the main code (not the tests), by bean name,
   * named as Spring names them ({@code @Component("name")}, else the class name with a small first letter).
   */
  public static Map<String, Class<?>> applicationBeans() {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(true, new StandardEnvironment());
    SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
    Map<String, Class<?>> beans = new TreeMap<>();
    for (BeanDefinition definition : scanner.findCandidateComponents(BASE_PACKAGE)) {
      if (definition instanceof ScannedGenericBeanDefinition scanned && scanned.getResource() != null
          && scanned.getResource().getDescription().contains("test-classes")) {
        continue;
      }
      try {
        beans.put(AnnotationBeanNameGenerator.INSTANCE.generateBeanName(definition, registry),
            Class.forName(definition.getBeanClassName()));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return beans;
  }

  // ------------------------------------------------------------------------------------------ (a) templates

  /** The essentials of the Camunda 7 element-template schema, and what this application's templates need. */
  public static List<String> checkTemplate(Template t) {
    List<String> problems = new ArrayList<>();
    JsonNode json = t.json();
    String where = t.file() + ": template " + (t.id().isBlank() ? "without id" : t.id());
    if (!json.isObject()) {
      return List.of(t.file() + ": an element template is a JSON object (or a list of them). Fix: see "
          + TEMPLATES_FOLDER + "/README.md");
    }
    if (!TEMPLATE_SCHEMA.equals(json.path("$schema").asText())) {
      problems.add(where + ": $schema is '" + json.path("$schema").asText() + "'. Fix: \"$schema\": \"" + TEMPLATE_SCHEMA
          + "\" (the Camunda 7 schema; this application runs on Camunda 7).");
    }
    if (json.has("engines") || json.path("$schema").asText().contains("zeebe")) {
      problems.add(where + ": has Camunda 8 settings (engines, zeebe schema). Fix: remove them; these templates are for Camunda 7.");
    }
    for (String field : List.of("id", "name")) {
      if (!json.path(field).isTextual() || json.path(field).asText().isBlank()) {
        problems.add(where + ": '" + field + "' is missing or empty. Fix: give the template a non-empty \"" + field + "\".");
      }
    }
    if (json.has("version") && !json.path("version").isIntegralNumber()) {
      problems.add(where + ": 'version' must be a whole number. Fix: \"version\": 1 (raise it when the template changes).");
    }
    if (!json.path("appliesTo").isArray() || json.path("appliesTo").isEmpty()) {
      problems.add(where + ": 'appliesTo' is missing or empty. Fix: \"appliesTo\": [\"bpmn:ServiceTask\"] (or bpmn:SendTask).");
    } else {
      for (JsonNode type : json.path("appliesTo")) {
        if (!BPMN_TYPE.matcher(type.asText()).matches()) {
          problems.add(where + ": appliesTo '" + type.asText() + "' is not a BPMN type. Fix: write it as bpmn:ServiceTask.");
        }
      }
    }
    Set<String> groups = list(json.path("groups")).stream().map(g -> g.path("id").asText()).collect(Collectors.toSet());
    if (!json.path("properties").isArray() || json.path("properties").isEmpty()) {
      problems.add(where + ": 'properties' is missing or empty. Fix: list the template's properties, at least the "
          + "hidden camunda:delegateExpression.");
    } else {
      Set<String> seen = new LinkedHashSet<>();
      int index = 0;
      for (JsonNode p : json.path("properties")) {
        problems.addAll(checkProperty(where + ": property " + index + describe(p), p, groups, seen));
        index++;
      }
    }
    boolean delegateTask = t.appliesTo().contains("bpmn:ServiceTask") || t.appliesTo().contains("bpmn:SendTask");
    if (delegateTask && t.bean().isEmpty()) {
      problems.add(where + ": no property binds camunda:delegateExpression to a bean (${beanName}). Fix: add {\"type\": "
          + "\"Hidden\", \"value\": \"${beanName}\", \"binding\": {\"type\": \"property\", \"name\": "
          + "\"camunda:delegateExpression\"}}; the application's tasks call Spring beans.");
    }
    return problems;
  }

  private static List<String> checkProperty(String where, JsonNode p, Set<String> groups, Set<String> seen) {
    List<String> problems = new ArrayList<>();
    JsonNode binding = p.path("binding");
    String bindingType = binding.path("type").asText("");
    String type = p.path("type").asText("String");
    if (!binding.isObject() || !BINDING_TYPES.containsKey(bindingType)) {
      problems.add(where + ": binding type '" + bindingType + "' is not one of the Camunda 7 bindings "
          + new TreeSet<>(BINDING_TYPES.keySet()) + ". Fix: use one of them (zeebe:* bindings are Camunda 8).");
      return problems;
    }
    if (!BINDING_TYPES.get(bindingType).contains(type)) {
      problems.add(where + ": type '" + type + "' is not allowed with binding " + bindingType + ". Fix: use one of "
          + new TreeSet<>(BINDING_TYPES.get(bindingType)) + ".");
    }
    if (NAMED_BINDINGS.contains(bindingType) && binding.path("name").asText("").isBlank()) {
      problems.add(where + ": binding " + bindingType + " needs a 'name'. Fix: name the attribute or variable it sets.");
    }
    if ("camunda:outputParameter".equals(bindingType) && binding.path("source").asText("").isBlank()) {
      problems.add(where + ": binding camunda:outputParameter needs a 'source'. Fix: \"source\": \"${localVariable}\".");
    }
    if ("camunda:executionListener".equals(bindingType) && binding.path("event").asText("").isBlank()) {
      problems.add(where + ": binding camunda:executionListener needs an 'event'. Fix: \"event\": \"start\" or \"end\".");
    }
    String key = bindingType + " " + binding.path("name").asText(binding.path("source").asText(binding.path("event").asText()));
    if (!"camunda:executionListener".equals(bindingType) && !seen.add(key)) {
      problems.add(where + ": a second property with binding " + key + ". Fix: keep one.");
    }
    if (p.has("value") && !(p.path("value").isTextual() || p.path("value").isBoolean())) {
      problems.add(where + ": 'value' must be text or true/false. Fix: quote it (\"value\": \"" + p.path("value").asText() + "\").");
    }
    if ("Boolean".equals(type) && p.has("value") && !p.path("value").isBoolean()) {
      problems.add(where + ": a Boolean property's value is true or false. Fix: \"value\": " + p.path("value").asText() + ".");
    }
    if ("Hidden".equals(type) && !p.has("value")) {
      problems.add(where + ": a Hidden property sets a fixed value. Fix: give it a 'value'.");
    }
    if ("Dropdown".equals(type)) {
      if (!p.path("choices").isArray() || p.path("choices").isEmpty()) {
        problems.add(where + ": a Dropdown needs 'choices'. Fix: \"choices\": [{\"name\": \"Shown\", \"value\": \"STORED\"}].");
      } else {
        for (JsonNode choice : p.path("choices")) {
          if (choice.path("name").asText("").isBlank() || !choice.path("value").isTextual()) {
            problems.add(where + ": choice " + choice + " needs a 'name' and a text 'value'. Fix: {\"name\": \"Shown\", "
                + "\"value\": \"STORED\"}.");
          }
        }
      }
    }
    if (p.has("group") && !groups.contains(p.path("group").asText())) {
      problems.add(where + ": group '" + p.path("group").asText() + "' is not declared. Fix: add it to \"groups\" "
          + "({\"id\": \"" + p.path("group").asText() + "\", \"label\": \"...\"}) or drop the property's group.");
    }
    return problems;
  }

  /** Template ids name one template each (per version), and the templates are readable. */
  public static List<String> checkTemplateIdsUnique(List<Template> templates) {
    Map<String, List<String>> files = new TreeMap<>();
    for (Template t : templates) {
      files.computeIfAbsent(t.id() + " version " + t.json().path("version").asText("none"), k -> new ArrayList<>()).add(t.file());
    }
    return files.entrySet().stream().filter(e -> e.getValue().size() > 1)
        .map(e -> "template " + e.getKey() + " is defined " + e.getValue().size() + " times, in " + e.getValue()
            + ". Fix: give each template its own id (or raise the version of the newer one).").toList();
  }

  // ------------------------------------------------------------------------------------------ (b) models -> templates

  /** The tasks of a model that call Java: those with camunda:delegateExpression or camunda:class. */
  public static List<Task> delegateTasks(BpmnModelInstance bpmn) {
    return bpmn.getModelElementsByType(Task.class).stream()
        .filter(t -> t.getAttributeValueNs(CAMUNDA_NS, "delegateExpression") != null
            || t.getAttributeValueNs(CAMUNDA_NS, "class") != null)
        .toList();
  }

  /**
   * The template that describes a task: the one Modeler applied ({@code camunda:modelerTemplate}), else the one whose
   * delegate expression the task uses. Empty if there is none, or several (reported by
   * {@link #checkEveryDelegateHasATemplate}).
   */
  public static Optional<Template> templateOf(Task task, List<Template> templates) {
    String applied = task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate");
    if (applied != null) {
      return templates.stream().filter(t -> t.id().equals(applied)).findFirst();
    }
    String expression = task.getAttributeValueNs(CAMUNDA_NS, "delegateExpression");
    List<Template> offering = templates.stream().filter(t -> t.delegateExpression().filter(e -> e.equals(expression)).isPresent()).toList();
    return offering.size() == 1 ? Optional.of(offering.get(0)) : Optional.empty();
  }

  /** A task that calls a delegate, with the template that describes it. */
  public record TemplatedTask(Task task, Template template) {}

  /** The model's delegate tasks that have a template (those without are reported by checkEveryDelegateHasATemplate). */
  public static List<TemplatedTask> templatedTasks(Model model, List<Template> templates) {
    return delegateTasks(model.bpmn()).stream()
        .flatMap(task -> templateOf(task, templates).map(t -> new TemplatedTask(task, t)).stream()).toList();
  }

  /** Every task that calls a delegate bean has exactly one template for that bean, which applies to its element type. */
  public static List<String> checkEveryDelegateHasATemplate(Model model, List<Template> templates) {
    List<String> problems = new ArrayList<>();
    for (Task task : delegateTasks(model.bpmn())) {
      String where = model.file() + ": " + task.getId();
      String className = task.getAttributeValueNs(CAMUNDA_NS, "class");
      if (className != null) {
        problems.add(where + ": calls camunda:class " + className + ", which gets no Spring beans injected and has no "
            + "template. Fix: use camunda:delegateExpression=\"${beanName}\" through one of the templates in "
            + TEMPLATES_FOLDER + ".");
        continue;
      }
      String expression = task.getAttributeValueNs(CAMUNDA_NS, "delegateExpression");
      String applied = task.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate");
      List<Template> offering = templates.stream()
          .filter(t -> t.delegateExpression().filter(e -> e.equals(expression)).isPresent()).toList();
      if (applied != null) {
        Optional<Template> template = templates.stream().filter(t -> t.id().equals(applied)).findFirst();
        if (template.isEmpty()) {
          problems.add(where + ": camunda:modelerTemplate names template '" + applied + "', which is not in "
              + TEMPLATES_FOLDER + ". Fix: apply one of the templates there in Modeler (or add this one).");
        } else if (!template.get().delegateExpression().orElse("").equals(expression)) {
          problems.add(where + ": uses " + expression + " but its template " + applied + " calls "
              + template.get().delegateExpression().orElse("nothing") + ". Fix: re-apply the template in Modeler, or "
              + "apply the template of " + expression + ".");
        }
        continue;
      }
      if (offering.isEmpty()) {
        problems.add(where + ": calls " + expression + ", for which " + TEMPLATES_FOLDER + " has no template. Fix: "
            + "use a bean that has one (" + templates.stream().map(t -> t.delegateExpression().orElse("?"))
                .collect(Collectors.toCollection(TreeSet::new)) + ") or add a template for it there (see its README.md).");
      } else if (offering.size() > 1) {
        problems.add(where + ": several templates call " + expression + " (" + offering.stream().map(Template::id).toList()
            + "). Fix: apply one of them in Modeler, which records it as camunda:modelerTemplate.");
      } else if (!appliesTo(offering.get(0), task)) {
        problems.add(where + ": is a bpmn:" + capitalised(task.getElementType().getTypeName()) + " but " + offering.get(0).label()
            + " applies to " + offering.get(0).appliesTo() + ". Fix: change the element type in Modeler (wrench icon) "
            + "or add the type to the template's appliesTo.");
      }
    }
    return problems;
  }

  private static boolean appliesTo(Template template, ModelElementInstance element) {
    for (ModelElementType type = element.getElementType(); type != null; type = type.getBaseType()) {
      if (template.appliesTo().contains("bpmn:" + capitalised(type.getTypeName()))) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------------------------------ (c) inputs and settings

  /**
   * Every task passes the inputs its template requires ({@code constraints.notEmpty}), with one of the template's
   * choices where the template offers a dropdown; and passes no input or output the template does not declare (once
   * the template is applied, Modeler shows only the template's inputs and outputs).
   */
  public static List<String> checkInputs(Model model, List<Template> templates) {
    List<String> problems = new ArrayList<>();
    for (TemplatedTask templated : templatedTasks(model, templates)) {
      Task task = templated.task();
      Template template = templated.template();
      String where = model.file() + ": " + task.getId();
      Map<String, CamundaInputParameter> inputs = new HashMap<>();
      List<CamundaOutputParameter> outputs = new ArrayList<>();
      inputOutput(task).ifPresent(io -> {
        io.getCamundaInputParameters().forEach(i -> inputs.put(i.getCamundaName(), i));
        outputs.addAll(io.getCamundaOutputParameters());
      });
      Set<String> declared = new TreeSet<>();
      for (JsonNode property : template.bound("camunda:inputParameter")) {
        String name = property.path("binding").path("name").asText();
        declared.add(name);
        CamundaInputParameter input = inputs.get(name);
        String label = property.path("label").asText(name);
        boolean required = property.path("constraints").path("notEmpty").asBoolean(false);
        if (input == null || isEmpty(input)) {
          if (required) {
            problems.add(where + ": does not pass the required input '" + name + "' of " + template.label()
                + ". Fix: in Modeler select " + task.getId() + " and fill in '" + label + "' (template '"
                + template.name() + "'), i.e. <camunda:inputParameter name=\"" + name + "\">...</camunda:inputParameter>.");
          }
          continue;
        }
        String value = input.getTextContent().trim();
        if ("Dropdown".equals(property.path("type").asText())) {
          Set<String> choices = list(property.path("choices")).stream().map(c -> c.path("value").asText())
              .collect(Collectors.toCollection(TreeSet::new));
          if (hasChildElements(input) || !choices.contains(value)) {
            problems.add(where + ": input '" + name + "' is '" + value + "', not one of the choices of " + template.label()
                + ": " + choices + ". Fix: pick one in Modeler ('" + label + "'), or add the value to the template's "
                + "choices if the delegate accepts it.");
          }
        }
        if ("Hidden".equals(property.path("type").asText()) && !property.path("value").asText().equals(value)) {
          problems.add(where + ": input '" + name + "' is '" + value + "' but " + template.label() + " fixes it at '"
              + property.path("value").asText() + "'. Fix: re-apply the template in Modeler.");
        }
      }
      for (String name : new TreeSet<>(inputs.keySet())) {
        if (!declared.contains(name)) {
          problems.add(where + ": passes input '" + name + "', which " + template.label() + " does not declare: with the "
              + "template applied Modeler does not show it and may drop it. Fix: declare it in the template "
              + "(camunda:inputParameter binding) or remove it from the task.");
        }
      }
      Set<String> declaredOutputs = template.bound("camunda:outputParameter").stream()
          .map(p -> p.path("value").asText("")).collect(Collectors.toSet());
      for (CamundaOutputParameter output : outputs) {
        if (!declaredOutputs.contains(output.getCamundaName())) {
          problems.add(where + ": maps output '" + output.getCamundaName() + "', which " + template.label()
              + " does not declare. Fix: declare it in the template (camunda:outputParameter binding) or remove it; the "
              + "delegate sets its results as process variables (see the template's description).");
        }
      }
    }
    return problems;
  }

  /**
   * Settings a template fixes (Hidden, or {@code editable: false}, bound to an attribute such as
   * {@code camunda:asyncBefore}) have that value on every task the template describes.
   */
  public static List<String> checkFixedSettings(Model model, List<Template> templates) {
    List<String> problems = new ArrayList<>();
    for (TemplatedTask templated : templatedTasks(model, templates)) {
      Task task = templated.task();
      Template template = templated.template();
      for (JsonNode property : template.bound("property")) {
        boolean fixed = "Hidden".equals(property.path("type").asText()) || !property.path("editable").asBoolean(true);
        if (!fixed || !property.has("value")) {
          continue;
        }
        String attribute = property.path("binding").path("name").asText();
        String expected = property.path("value").asText();
        String actual = attribute(task, attribute);
        if (!expected.equalsIgnoreCase(actual)) {
          problems.add(model.file() + ": " + task.getId() + ": " + attribute + " is " + actual + " but "
              + template.label() + " fixes it at " + expected + " (" + property.path("description").asText(
                  property.path("label").asText("")) + "). Fix: set '" + property.path("label").asText(attribute)
              + "' to " + expected + " in Modeler, or re-apply the template.");
        }
      }
    }
    return problems;
  }

  /** The value of a (possibly camunda:-prefixed) attribute of an element, with the engine's default where it is left out. */
  static String attribute(ModelElementInstance element, String attribute) {
    String value = attribute.startsWith("camunda:")
        ? element.getAttributeValueNs(CAMUNDA_NS, attribute.substring("camunda:".length()))
        : element.getAttributeValue(attribute);
    return value != null ? value : ATTRIBUTE_DEFAULTS.getOrDefault(attribute, "(not set)");
  }

  // ------------------------------------------------------------------------------------------ BPMN errors

  /**
   * Every BPMN error a task's delegate throws ({@code metadata.bpmnErrors} of its template) is caught: by an error
   * boundary event on the task or an enclosing sub-process, an error event sub-process around it, or, when the process
   * is called from another model, there. Camunda 7 ends the execution silently (none end event semantics) when nothing
   * catches a BPMN error thrown by a delegate.
   */
  public static List<String> checkErrorsCaught(Model model, List<Model> allModels, List<Template> templates) {
    List<String> problems = new ArrayList<>();
    for (TemplatedTask templated : templatedTasks(model, templates)) {
      Task task = templated.task();
      Template template = templated.template();
      for (String code : template.bpmnErrors()) {
        if (!caught(task, code, allModels, 0)) {
          problems.add(model.file() + ": " + task.getId() + ": " + template.delegateExpression().orElse("the delegate")
              + " throws BPMN error " + code + " (" + template.label() + "), but nothing catches it, so Camunda 7 "
              + "ends this path of the process silently. Fix: attach an error boundary event for error code " + code
              + " to " + task.getId() + " and model what happens then.");
        }
      }
    }
    return problems;
  }

  private static boolean caught(Activity activity, String code, List<Model> allModels, int depth) {
    ModelElementInstance scope = activity;
    while (scope != null) {
      if (scope instanceof Activity a && catchingBoundary(a, code)) {
        return true;
      }
      if ((scope instanceof SubProcess || scope instanceof Process) && catchingEventSubProcess(scope, code)) {
        return true;
      }
      if (scope instanceof Process process) {
        // an error that leaves a called process goes on at the call activity of its caller
        return depth < 5 && allModels.stream()
            .flatMap(m -> m.bpmn().getModelElementsByType(CallActivity.class).stream())
            .filter(call -> process.getId().equals(call.getCalledElement()))
            .anyMatch(call -> caught(call, code, allModels, depth + 1));
      }
      scope = scope.getParentElement();
    }
    return false;
  }

  private static boolean catchingBoundary(Activity activity, String code) {
    return activity.getModelInstance().getModelElementsByType(BoundaryEvent.class).stream()
        .filter(b -> b.getAttachedTo() == activity)
        .anyMatch(b -> catches(b.getEventDefinitions(), code));
  }

  private static boolean catchingEventSubProcess(ModelElementInstance scope, String code) {
    return scope.getChildElementsByType(SubProcess.class).stream().filter(SubProcess::triggeredByEvent)
        .flatMap(sub -> sub.getChildElementsByType(StartEvent.class).stream())
        .anyMatch(start -> catches(start.getEventDefinitions(), code));
  }

  private static boolean catches(Collection<EventDefinition> definitions, String code) {
    return definitions.stream().filter(ErrorEventDefinition.class::isInstance).map(ErrorEventDefinition.class::cast)
        .anyMatch(d -> d.getError() == null || d.getError().getErrorCode() == null || code.equals(d.getError().getErrorCode()));
  }

  // ------------------------------------------------------------------------------------------ (d) templates -> code

  /** Every template's bean is a Spring bean of the application, and a JavaDelegate. */
  public static List<String> checkBeansExist(List<Template> templates, Map<String, Class<?>> beans) {
    List<String> problems = new ArrayList<>();
    Set<String> delegates = beans.entrySet().stream().filter(e -> JavaDelegate.class.isAssignableFrom(e.getValue()))
        .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    for (Template t : templates) {
      Optional<String> bean = t.bean();
      if (bean.isEmpty()) {
        continue; // reported by checkTemplate
      }
      Class<?> type = beans.get(bean.get());
      if (type == null) {
        problems.add(t.label() + ": calls bean '" + bean.get() + "', but no Spring component in " + "app/src/main/java"
            + " has that name. Fix: use the name of the delegate's bean (@Component(\"name\") or its class name with a "
            + "small first letter); the application's delegates are " + delegates + ".");
      } else if (!JavaDelegate.class.isAssignableFrom(type)) {
        problems.add(t.label() + ": calls bean '" + bean.get() + "', a " + type.getName() + ", which is no JavaDelegate, so "
            + "the engine cannot run it in a task. Fix: use one of the delegates " + delegates + ".");
      }
    }
    return problems;
  }

  /** Every JavaDelegate bean the application offers has a template, so designers can find it in Modeler. */
  public static List<String> checkEveryDelegateBeanHasATemplate(List<Template> templates, Map<String, Class<?>> beans) {
    Set<String> covered = templates.stream().flatMap(t -> t.bean().stream()).collect(Collectors.toSet());
    return beans.entrySet().stream().filter(e -> JavaDelegate.class.isAssignableFrom(e.getValue()))
        .filter(e -> !covered.contains(e.getKey()))
        .map(e -> "bean " + e.getKey() + " (" + e.getValue().getName() + ") is a JavaDelegate without an element template. "
            + "Fix: add one to " + TEMPLATES_FOLDER + " (see its README.md).")
        .toList();
  }

  private static final Pattern THROWS = Pattern.compile("new\\s+BpmnError\\(\\s*([^,)]+)");
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

  /**
   * The BPMN errors a template declares ({@code metadata.bpmnErrors}) are those its delegate's class throws
   * ({@code new BpmnError(CODE, ...)} in its source, with the code a literal or a constant). Errors thrown by
   * classes the delegate calls are not seen.
   */
  public static List<String> checkDeclaredErrors(List<Template> templates, Map<String, Class<?>> beans, Path sources) {
    List<String> problems = new ArrayList<>();
    for (Template t : templates) {
      Class<?> type = t.bean().map(beans::get).orElse(null);
      if (type == null) {
        continue; // reported by checkBeansExist
      }
      Path source = sources.resolve(type.getName().replace('.', '/') + ".java");
      String code;
      try {
        code = Files.readString(source);
      } catch (IOException e) {
        problems.add(t.label() + ": cannot read " + source.normalize() + " to see which BPMN errors " + type.getSimpleName()
            + " throws. Fix: keep the delegate's source under " + sources.normalize() + ".");
        continue;
      }
      Set<String> thrown = new TreeSet<>();
      Matcher m = THROWS.matcher(code);
      while (m.find()) {
        String expression = m.group(1).trim();
        Optional<String> value = constant(expression, type, code);
        if (value.isEmpty()) {
          problems.add(t.label() + ": " + type.getSimpleName() + " throws BpmnError(" + expression + "), whose code cannot "
              + "be read. Fix: use a string literal or a static final String constant as the error code.");
        } else {
          thrown.add(value.get());
        }
      }
      if (!thrown.equals(t.bpmnErrors())) {
        problems.add(t.label() + ": declares BPMN errors " + t.bpmnErrors() + " (metadata.bpmnErrors) but "
            + type.getSimpleName() + " throws " + thrown + ". Fix: list exactly the thrown codes in metadata.bpmnErrors, "
            + "and describe them in the template's description.");
      }
    }
    return problems;
  }

  private static Optional<String> constant(String expression, Class<?> context, String source) {
    if (expression.startsWith("\"") && expression.endsWith("\"")) {
      return Optional.of(expression.substring(1, expression.length() - 1));
    }
    List<String> parts = List.of(expression.split("\\."));
    if (parts.size() < 2) {
      return Optional.empty();
    }
    String field = parts.get(parts.size() - 1);
    List<String> owner = parts.subList(0, parts.size() - 1);
    Map<String, String> imports = new HashMap<>();
    Matcher m = IMPORT.matcher(source);
    while (m.find()) {
      String name = m.group(2);
      imports.put(name.substring(name.lastIndexOf('.') + 1), name);
    }
    List<String> candidates = new ArrayList<>();
    String nested = String.join("$", owner);
    candidates.add(context.getPackageName() + "." + nested);
    if (imports.containsKey(owner.get(0))) {
      candidates.add(imports.get(owner.get(0)) + (owner.size() > 1 ? "$" + String.join("$", owner.subList(1, owner.size())) : ""));
    }
    candidates.add(String.join(".", owner));
    for (String candidate : candidates) {
      try {
        Field f = Class.forName(candidate).getDeclaredField(field);
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
          f.setAccessible(true);
          return Optional.of((String) f.get(null));
        }
      } catch (ReflectiveOperationException | LinkageError ignored) {
        // try the next way of reading the name
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------------------------------ all of it

  /** Every check above over the given templates, models and beans. */
  public static List<String> checkAll(List<Template> templates, List<Model> models, Map<String, Class<?>> beans) {
    List<String> problems = new ArrayList<>();
    templates.forEach(t -> problems.addAll(checkTemplate(t)));
    problems.addAll(checkTemplateIdsUnique(templates));
    problems.addAll(checkBeansExist(templates, beans));
    problems.addAll(checkEveryDelegateBeanHasATemplate(templates, beans));
    problems.addAll(checkDeclaredErrors(templates, beans, MAIN_SOURCES));
    for (Model model : models) {
      problems.addAll(checkEveryDelegateHasATemplate(model, templates));
      problems.addAll(checkInputs(model, templates));
      problems.addAll(checkFixedSettings(model, templates));
      problems.addAll(checkErrorsCaught(model, models, templates));
    }
    return problems;
  }

  /** The problems as one message, one a line, for an assertion. */
  public static String report(List<String> problems) {
    return problems.size() + " problem(s):\n  " + String.join("\n  ", problems);
  }

  // ------------------------------------------------------------------------------------------ helpers

  static Optional<CamundaInputOutput> inputOutput(BaseElement element) {
    if (element.getExtensionElements() == null) {
      return Optional.empty();
    }
    return element.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list().stream().findFirst();
  }

  private static boolean isEmpty(CamundaInputParameter input) {
    return input.getTextContent().isBlank() && !hasChildElements(input);
  }

  private static boolean hasChildElements(ModelElementInstance element) {
    DomElement dom = element.getDomElement();
    return !dom.getChildElements().isEmpty();
  }

  private static String bindingType(JsonNode property) {
    return property.path("binding").path("type").asText("");
  }

  private static String describe(JsonNode property) {
    String label = property.path("label").asText(property.path("binding").path("name").asText(""));
    return label.isBlank() ? "" : " ('" + label + "')";
  }

  private static List<JsonNode> list(JsonNode array) {
    return array.isArray() ? StreamSupport.stream(array.spliterator(), false).toList() : List.of();
  }

  private static String capitalised(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String relative(Path file) {
    return TOP.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }
}
