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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.aftersales.cases.CaseSummary;
import org.aftersales.complaint.ComplaintProcess;
import org.aftersales.followup.FollowUpProcess;
import org.aftersales.repair.RepairProcess;
import org.aftersales.returns.ReturnProcess;
import org.aftersales.system.security.AccessPolicy;
import org.aftersales.system.security.Role;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The rules of processes/README.md as checks that return what is wrong, each message naming the file, the
 * element and the fix, so that a designer who breaks one in Modeler reads what to do. {@link ModelRulesTest}
 * runs them on the models and, on broken copies, proves each can fail.
 */
final class DiagramRules {

  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  /** Ids as Modeler generates them ({@code Activity_0k3x9zq}, {@code Flow_1a2b3c4}): seven letters and digits. */
  static final Pattern GENERATED_ID = Pattern.compile("^[A-Za-z]+_(?=[0-9a-z]*[0-9])[0-9a-z]{7}$");
  static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.'\"])([a-zA-Z_][a-zA-Z0-9_]*)(?![\\w(])");
  static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
  static final Pattern PARAMETER = Pattern.compile("<camunda:(?:input|output)Parameter name=\"([^\"]+)\"");
  /** Delegates that only read the case and rule tables: no outside call, no need to run asynchronously. */
  static final Set<String> LOCAL_DELEGATES = Set.of("checkEligibilityDelegate", "calculateRefundDelegate",
      "checkCoverageDelegate", "chargeDiagnosisFeeDelegate", "assessComplaintDelegate",
      // they queue a notice in the outbox, in the step's transaction; the relay sends it after the commit
      "notifyCustomerDelegate", "notifySellerDelegate");
  /** Values every user task's form reads, computed by the application ({@link CaseSummary}), never stored. */
  static final Set<String> TASK_VARIABLES = Set.copyOf(CaseSummary.VARIABLES);
  /** Where each flow's variables are declared; the return flow's start variables are every case flow's. */
  static final Map<String, List<Class<?>>> VARIABLES = Map.of(
      ReturnProcess.KEY, List.of(ReturnProcess.Var.class),
      "refund-payment", List.of(ReturnProcess.Var.class),
      RepairProcess.KEY, List.of(RepairProcess.Var.class, ReturnProcess.Var.class),
      ComplaintProcess.KEY, List.of(ComplaintProcess.Var.class, ReturnProcess.Var.class),
      FollowUpProcess.KEY, List.of(FollowUpProcess.Var.class));

  private static final ObjectMapper JSON = new ObjectMapper();

  private DiagramRules() {}

  /** A form: its id and the keys of its fields, read-only or not. */
  record Form(String file, String id, Map<String, Boolean> keys) {}

  static List<Form> readForms(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      List<Form> forms = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
        JsonNode root = JSON.readTree(file.toFile());
        Map<String, Boolean> keys = new LinkedHashMap<>();
        collectKeys(root.path("components"), keys);
        forms.add(new Form("forms/" + file.getFileName(), root.path("id").asText(), keys));
      }
      return forms;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collectKeys(JsonNode components, Map<String, Boolean> keys) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        keys.put(component.get("key").asText(), component.path("readonly").asBoolean());
      }
      collectKeys(component.path("components"), keys);
    }
  }

  /** One executable process named after its file, with a history time to live and a version tag. */
  static List<String> process(String file, BpmnModelInstance bpmn) {
    List<String> problems = new ArrayList<>();
    List<Process> processes = bpmn.getModelElementsByType(Process.class).stream().filter(Process::isExecutable).toList();
    if (processes.size() != 1) {
      return List.of(file + ": has " + processes.size() + " executable processes; keep exactly one per file");
    }
    Process process = processes.get(0);
    if (!file.endsWith("/" + process.getId() + ".bpmn")) {
      problems.add(file + ": process id " + process.getId() + " must be the file's name; rename one of them");
    }
    if (blank(process.getCamundaHistoryTimeToLiveString())) {
      problems.add(file + ": " + process.getId() + " has no History time to live; set it in the process's properties");
    }
    if (blank(process.getCamundaVersionTag())) {
      problems.add(file + ": " + process.getId() + " has no Version tag; set one (e.g. 1.4) in the process's properties");
    }
    return problems;
  }

  /** No element keeps the id Modeler generated: ids name what the element is. */
  static List<String> ids(String file, BpmnModelInstance bpmn) {
    List<String> problems = new ArrayList<>();
    for (BaseElement element : bpmn.getModelElementsByType(BaseElement.class)) {
      String id = element.getId();
      if (id != null && GENERATED_ID.matcher(id).matches() && !element.getElementType().getTypeName().startsWith("BPMN")) {
        problems.add(file + ": " + id + " is a generated id; give the " + element.getElementType().getTypeName()
            + " a meaningful one such as Task_ReviewRequest or Flow_Approved_BookPickup");
      }
    }
    return problems;
  }

  /** Candidate group, due and follow-up dates from the limits, and a form of the same release that exists. */
  static List<String> userTasks(String file, BpmnModelInstance bpmn, List<Form> forms) {
    Set<String> formIds = forms.stream().map(Form::id).collect(Collectors.toSet());
    List<String> problems = new ArrayList<>();
    for (UserTask task : bpmn.getModelElementsByType(UserTask.class)) {
      String where = file + ": user task " + task.getId();
      if (blank(task.getCamundaCandidateGroups())) {
        problems.add(where + " has no candidate group; set one of " + AccessPolicy.workingRoles().stream()
            .map(Role::groupId).collect(Collectors.joining(", ")));
      }
      if (!isExpression(task.getCamundaDueDate())) {
        problems.add(where + " needs a due date from the limits, such as ${returnLimits.reviewDue()}");
      }
      if (!isExpression(task.getCamundaFollowUpDate())) {
        problems.add(where + " needs a follow-up date from the limits, such as ${returnLimits.reviewFollowUp()}");
      }
      if (!formIds.contains(task.getCamundaFormRef())) {
        problems.add(where + " names form '" + task.getCamundaFormRef() + "', which is not in forms/; use one of "
            + new java.util.TreeSet<>(formIds));
      }
      if (!"deployment".equals(task.getCamundaFormRefBinding())) {
        problems.add(where + ": set the form binding to 'deployment' so the form of the same release is used");
      }
      String listName = listName(task);
      if (listName == null || !listName.codePoints().anyMatch(c -> Character.UnicodeScript.of(c)
          == Character.UnicodeScript.HAN)) {
        problems.add(where + " needs the extension property listName: what the task waits for, in Chinese (such as "
            + "审核退货申请), which Tasklist's list shows with the case");
      }
    }
    return problems;
  }

  /** The user task's extension property {@code listName} (cases/TaskRows), or null. */
  private static String listName(UserTask task) {
    if (task.getExtensionElements() == null) {
      return null;
    }
    return task.getExtensionElements().getElementsQuery()
        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
        .flatMap(p -> p.getCamundaProperties().stream()).filter(p -> "listName".equals(p.getCamundaName()))
        .map(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty::getCamundaValue).findFirst().orElse(null);
  }

  /** Every field of a user task's form is a variable the flow knows: declared in its Var class or used in the diagram. */
  static List<String> formFields(String file, BpmnModelInstance bpmn, List<Form> forms) {
    Process process = bpmn.getModelElementsByType(Process.class).iterator().next();
    Set<String> known = new HashSet<>(TASK_VARIABLES);
    VARIABLES.getOrDefault(process.getId(), List.of()).forEach(type -> known.addAll(constants(type)));
    known.addAll(identifiers(bpmn));
    List<String> problems = new ArrayList<>();
    String declaredIn = VARIABLES.getOrDefault(process.getId(), List.of()).stream().map(Class::getName).findFirst()
        .orElse("the flow's Var class");
    for (UserTask task : bpmn.getModelElementsByType(UserTask.class)) {
      for (Form form : forms.stream().filter(f -> f.id().equals(task.getCamundaFormRef())).toList()) {
        form.keys().keySet().stream().filter(key -> !known.contains(key)).forEach(key -> problems.add(file
            + ": user task " + task.getId() + " shows field '" + key + "' of " + form.file() + ", a variable the flow "
            + process.getId() + " does not know; correct the key or declare the variable in " + declaredIn));
      }
    }
    return problems;
  }

  /** Timers take their durations, dates and cycles from configuration or a decision, never a literal. */
  static List<String> timers(String file, BpmnModelInstance bpmn) {
    List<String> problems = new ArrayList<>();
    for (TimerEventDefinition timer : bpmn.getModelElementsByType(TimerEventDefinition.class)) {
      String owner = ((BaseElement) timer.getParentElement()).getId();
      Stream.of(timer.getTimeDuration(), timer.getTimeDate(), timer.getTimeCycle()).filter(java.util.Objects::nonNull)
          .filter(t -> !isExpression(t.getTextContent()))
          .forEach(t -> problems.add(file + ": timer " + owner + " has the literal '" + t.getTextContent().trim()
              + "'; take it from the limits, such as ${returnLimits.review}"));
    }
    return problems;
  }

  /** Service and send tasks that call outside systems start in a job of their own (asyncBefore). */
  static List<String> asyncOutsideCalls(String file, BpmnModelInstance bpmn) {
    List<String> problems = new ArrayList<>();
    Stream.concat(bpmn.getModelElementsByType(ServiceTask.class).stream(),
            bpmn.getModelElementsByType(SendTask.class).stream())
        .filter(task -> !LOCAL_DELEGATES.contains(bean(task.getAttributeValueNs(CAMUNDA_NS, "delegateExpression"))))
        .filter(task -> !((FlowNode) task).isCamundaAsyncBefore())
        .forEach(task -> problems.add(file + ": " + task.getId() + " calls outside the engine; tick Asynchronous before"));
    return problems;
  }

  /**
   * Every message is caught somewhere (a receive task, a catching event) and sent by someone: a throwing event in a
   * diagram, or the application (its name in the sources).
   */
  static List<String> messages(String file, BpmnModelInstance bpmn, Collection<BpmnModelInstance> all, String sources) {
    Set<String> caught = new HashSet<>();
    Set<String> thrown = new HashSet<>();
    for (BpmnModelInstance model : all) {
      model.getModelElementsByType(ReceiveTask.class).stream().filter(t -> t.getMessage() != null)
          .forEach(t -> caught.add(t.getMessage().getName()));
      for (MessageEventDefinition definition : model.getModelElementsByType(MessageEventDefinition.class)) {
        if (definition.getMessage() == null) {
          continue;
        }
        ModelElementInstance event = definition.getParentElement();
        if (event instanceof CatchEvent) {
          caught.add(definition.getMessage().getName());
        } else if (event instanceof ThrowEvent) {
          thrown.add(definition.getMessage().getName());
        }
      }
    }
    List<String> problems = new ArrayList<>();
    for (Message message : bpmn.getModelElementsByType(Message.class)) {
      String name = message.getName();
      if (!caught.contains(name)) {
        problems.add(file + ": message " + name + " is caught nowhere; add a receive task or catching event for it, "
            + "or delete it");
      }
      if (!thrown.contains(name) && !sources.contains("\"" + name + "\"")) {
        problems.add(file + ": message " + name + " is sent by nobody: no diagram throws it and the application does not "
            + "correlate it; check its name");
      }
    }
    return problems;
  }

  /**
   * A form guides the person filling it: every field has a label; every field they fill in has a help text and
   * is validated (choices required, text limited in length, numbers bounded below); a field that only applies to one
   * choice is hidden for the others.
   */
  static List<String> formGuidance(String file, JsonNode form) {
    List<String> problems = new ArrayList<>();
    for (JsonNode field : form.path("components")) {
      if (!field.hasNonNull("key")) {
        continue;
      }
      String where = file + ": field " + field.get("key").asText();
      String type = field.path("type").asText();
      JsonNode validate = field.path("validate");
      if (field.path("label").asText().isBlank()) {
        problems.add(where + " has no label; say what it is");
      }
      if (field.path("readonly").asBoolean()) {
        continue;
      }
      if (field.path("description").asText().isBlank()) {
        problems.add(where + " has no help text; add a description saying what to enter and what follows from it");
      }
      if (Set.of("radio", "select").contains(type) && !validate.path("required").asBoolean()
          && !field.has("conditional")) {
        problems.add(where + " is a choice nobody has to make; mark it required");
      }
      if (Set.of("textfield", "textarea").contains(type) && !validate.has("maxLength") && !validate.has("pattern")) {
        problems.add(where + " takes text of any length; set a maximum length");
      }
      if ("number".equals(type) && !validate.has("min")) {
        problems.add(where + " takes any number; set a minimum (amounts are never negative)");
      }
    }
    return problems;
  }

  /** All checks on one model. */
  static List<String> all(String file, BpmnModelInstance bpmn, Collection<BpmnModelInstance> models, List<Form> forms,
      String sources) {
    List<String> problems = new ArrayList<>();
    problems.addAll(process(file, bpmn));
    problems.addAll(ids(file, bpmn));
    problems.addAll(userTasks(file, bpmn, forms));
    problems.addAll(formFields(file, bpmn, forms));
    problems.addAll(timers(file, bpmn));
    problems.addAll(asyncOutsideCalls(file, bpmn));
    problems.addAll(messages(file, bpmn, models, sources));
    return problems;
  }

  /** The Java sources of the application, as one text to search message names in. */
  static String sources(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      StringBuilder all = new StringBuilder();
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        all.append(Files.readString(file)).append('\n');
      }
      return all.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The string constants of a Var class: the variable names it declares. */
  static Set<String> constants(Class<?> type) {
    Set<String> names = new HashSet<>();
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          names.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return names;
  }

  /** Names used in the diagram's expressions, and the names of its input and output parameters. */
  static Set<String> identifiers(BpmnModelInstance bpmn) {
    String xml = org.camunda.bpm.model.bpmn.Bpmn.convertToString(bpmn).replace("&#39;", "'").replace("&quot;", "\"");
    Set<String> names = new HashSet<>();
    Matcher expression = EXPRESSION.matcher(xml);
    while (expression.find()) {
      Matcher identifier = IDENTIFIER.matcher(expression.group(1));
      while (identifier.find()) {
        names.add(identifier.group(1));
      }
    }
    Matcher parameter = PARAMETER.matcher(xml);
    while (parameter.find()) {
      names.add(parameter.group(1));
    }
    return names;
  }

  /** Problems grouped by file, one per line, for a failure message. */
  static String report(List<String> problems) {
    Map<String, List<String>> byFile = new TreeMap<>();
    problems.forEach(p -> byFile.computeIfAbsent(p.substring(0, Math.max(0, p.indexOf(':'))), k -> new ArrayList<>()).add(p));
    return problems.size() + " model rule(s) broken:\n" + byFile.values().stream().flatMap(List::stream)
        .map(p -> "  - " + p).collect(Collectors.joining("\n"));
  }

  static String bean(String delegateExpression) {
    return delegateExpression == null ? "" : delegateExpression.replaceAll("^\\$\\{|}$", "");
  }

  private static boolean isExpression(String value) {
    return value != null && value.trim().matches("^[$#]\\{.+}$");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
