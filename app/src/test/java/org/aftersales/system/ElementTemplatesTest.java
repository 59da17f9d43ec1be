package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.aftersales.notification.NotificationType;
import org.aftersales.system.ModelChecks.Model;
import org.aftersales.system.ModelChecks.Template;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The element templates in .camunda/element-templates (what Camunda Modeler offers designers for service and send
 * tasks) against the models in processes/ and the application's delegates; every check in {@link ModelChecks}, run
 * on the real files, and each one once more on a deliberately broken copy, to show that it can fail.
 */
class ElementTemplatesTest {

  static List<Template> templates;
  static List<Model> models;
  static Map<String, Class<?>> beans;

  @BeforeAll
  static void read() {
    templates = ModelChecks.readTemplates(ModelChecks.TEMPLATES);
    models = ModelChecks.readModels(ModelChecks.PROCESSES);
    beans = ModelChecks.applicationBeans();
  }

  // ------------------------------------------------------------------------------------------ the real files

  @Test
  void everyTemplateIsAValidCamunda7ElementTemplate() {
    assertThat(templates).as("templates in " + ModelChecks.TEMPLATES_FOLDER).hasSizeGreaterThanOrEqualTo(17);
    List<String> problems = new ArrayList<>(ModelChecks.checkTemplateIdsUnique(templates));
    templates.forEach(t -> problems.addAll(ModelChecks.checkTemplate(t)));
    assertThat(problems).as(ModelChecks.report(problems)).isEmpty();
  }

  @Test
  void everyDelegateTaskInTheModelsHasATemplate() {
    assertThat(models).as("models in processes/").isNotEmpty();
    List<String> problems = new ArrayList<>();
    models.forEach(m -> problems.addAll(ModelChecks.checkEveryDelegateHasATemplate(m, templates)));
    assertThat(problems).as(ModelChecks.report(problems)).isEmpty();
    assertThat(models.stream().mapToInt(m -> ModelChecks.delegateTasks(m.bpmn()).size()).sum())
        .as("service and send tasks that call delegates").isGreaterThan(50);
  }

  @Test
  void everyTaskPassesTheInputsItsTemplateRequiresAndKeepsItsFixedSettings() {
    List<String> problems = new ArrayList<>();
    for (Model model : models) {
      problems.addAll(ModelChecks.checkInputs(model, templates));
      problems.addAll(ModelChecks.checkFixedSettings(model, templates));
    }
    assertThat(problems).as(ModelChecks.report(problems)).isEmpty();
  }

  @Test
  void everyTemplateCallsADelegateBeanOfTheApplicationAndEveryDelegateHasATemplate() {
    assertThat(beans).as("Spring beans found by scanning " + ModelChecks.BASE_PACKAGE).containsKey("bookPickupDelegate");
    List<String> problems = new ArrayList<>(ModelChecks.checkBeansExist(templates, beans));
    problems.addAll(ModelChecks.checkEveryDelegateBeanHasATemplate(templates, beans));
    problems.addAll(ModelChecks.checkDeclaredErrors(templates, beans, ModelChecks.MAIN_SOURCES));
    assertThat(problems).as(ModelChecks.report(problems)).isEmpty();
  }

  @Test
  void everyBpmnErrorADelegateThrowsIsCaught() {
    List<String> problems = new ArrayList<>();
    models.forEach(m -> problems.addAll(ModelChecks.checkErrorsCaught(m, models, templates)));
    assertThat(problems).as(ModelChecks.report(problems)).isEmpty();
  }

  /** The notification dropdowns offer exactly the notification types the delegates can send to that audience. */
  @Test
  void theNotificationTemplatesOfferEveryNotificationTypeOfTheirAudience() {
    Set<String> seller = Set.of(NotificationType.SELLER_STATEMENT_REQUESTED.name(), NotificationType.SELLER_COMPLAINT_DECIDED.name());
    Set<String> toOthers = Set.of(NotificationType.SUPERVISOR_WARNING.name()); // sent by warnSupervisorsDelegate itself
    Set<String> customer = Arrays.stream(NotificationType.values()).map(Enum::name)
        .filter(n -> !seller.contains(n) && !toOthers.contains(n)).collect(Collectors.toCollection(TreeSet::new));
    assertThat(choices("org.aftersales.returns.NotifyCustomer", "notificationType"))
        .as(".camunda/element-templates/notify-customer.json: the notificationType choices are the customer's "
            + "NotificationType constants; add or remove choices when NotificationType changes")
        .isEqualTo(customer);
    assertThat(choices("org.aftersales.complaint.NotifySeller", "notificationType"))
        .as(".camunda/element-templates/notify-seller.json: the notificationType choices are the seller's NotificationType constants")
        .isEqualTo(new TreeSet<>(seller));
  }

  // ------------------------------------------------------------------------------------------ each check can fail

  @Test
  void aTemplateWithoutIdOrWithACamunda8BindingIsReported() {
    ObjectNode json = template("org.aftersales.returns.BookPickup").json().deepCopy();
    json.remove("id");
    ObjectNode zeebe = ((ArrayNode) json.get("properties")).addObject();
    zeebe.put("type", "String");
    zeebe.putObject("binding").put("type", "zeebe:input").put("name", "x");
    ObjectNode dropdown = ((ArrayNode) json.get("properties")).addObject();
    dropdown.put("type", "Dropdown");
    dropdown.putObject("binding").put("type", "camunda:inputParameter").put("name", "y");

    List<String> problems = ModelChecks.checkTemplate(new Template("broken.json", json));

    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("broken.json: template without id: 'id' is missing or empty"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("binding type 'zeebe:input' is not one of the Camunda 7 bindings"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("a Dropdown needs 'choices'"));
  }

  @Test
  void aTaskCallingABeanWithoutTemplateIsReported() {
    BpmnModelInstance bpmn = read("return-request.bpmn");
    bpmn.<ServiceTask>getModelElementById("Task_BookPickup").setCamundaDelegateExpression("${bookPickupDelegat}");

    List<String> problems = ModelChecks.checkEveryDelegateHasATemplate(new Model("processes/return-request.bpmn", bpmn), templates);

    assertThat(problems).singleElement().asString().startsWith("processes/return-request.bpmn: Task_BookPickup: calls "
        + "${bookPickupDelegat}, for which .camunda/element-templates has no template. Fix: use a bean that has one");
  }

  @Test
  void aMissingRequiredInputAValueOutsideTheChoicesAndAnUndeclaredInputAreReported() {
    BpmnModelInstance bpmn = read("return-request.bpmn");
    CamundaInputParameter type = inputs(bpmn, "Task_NotifyApproved").getCamundaInputParameters().iterator().next();
    type.getParentElement().removeChildElement(type);
    CamundaInputOutput shipment = inputs(bpmn, "Task_BookSendBack");
    shipment.getCamundaInputParameters().iterator().next().setTextContent("GIFT");
    CamundaInputParameter extra = bpmn.newInstance(CamundaInputParameter.class);
    extra.setCamundaName("colour");
    extra.setTextContent("blue");
    shipment.getCamundaInputParameters().add(extra);

    List<String> problems = ModelChecks.checkInputs(new Model("processes/return-request.bpmn", bpmn), templates);

    assertThat(problems).containsExactlyInAnyOrder(
        "processes/return-request.bpmn: Task_NotifyApproved: does not pass the required input 'notificationType' of template "
            + "org.aftersales.returns.NotifyCustomer (.camunda/element-templates/notify-customer.json). Fix: in Modeler select "
            + "Task_NotifyApproved and fill in 'Notification' (template 'Tell customer'), i.e. <camunda:inputParameter "
            + "name=\"notificationType\">...</camunda:inputParameter>.",
        "processes/return-request.bpmn: Task_BookSendBack: input 'shipmentPurpose' is 'GIFT', not one of the choices of "
            + "template org.aftersales.returns.BookShipment (.camunda/element-templates/book-shipment.json): [REPAIRED, "
            + "REPLACEMENT, SEND_BACK]. Fix: pick one in Modeler ('Shipment purpose'), or add the value to the template's "
            + "choices if the delegate accepts it.",
        "processes/return-request.bpmn: Task_BookSendBack: passes input 'colour', which template "
            + "org.aftersales.returns.BookShipment (.camunda/element-templates/book-shipment.json) does not declare: with "
            + "the template applied Modeler does not show it and may drop it. Fix: declare it in the template "
            + "(camunda:inputParameter binding) or remove it from the task.");
  }

  @Test
  void aTaskThatCallsOutWithoutAsyncBeforeIsReported() {
    BpmnModelInstance bpmn = read("refund-payment.bpmn");
    bpmn.<FlowNode>getModelElementById("Task_RequestRefund").setCamundaAsyncBefore(false);

    List<String> problems = ModelChecks.checkFixedSettings(new Model("processes/refund-payment.bpmn", bpmn), templates);

    assertThat(problems).singleElement().asString().startsWith("processes/refund-payment.bpmn: Task_RequestRefund: "
        + "camunda:asyncBefore is false but template org.aftersales.returns.RequestRefund "
        + "(.camunda/element-templates/request-refund.json) fixes it at true (Calls the payment provider");
  }

  @Test
  void anUncaughtBpmnErrorIsReported() {
    BpmnModelInstance bpmn = read("return-request.bpmn");
    BoundaryEvent boundary = bpmn.getModelElementById("BoundaryEvent_PickupNotPossible");
    boundary.getEventDefinitions().clear(); // no longer catches Err_PickupNotPossible
    Model model = new Model("processes/return-request.bpmn", bpmn);

    List<String> problems = ModelChecks.checkErrorsCaught(model, List.of(model), templates);

    assertThat(problems).singleElement().asString().isEqualTo("processes/return-request.bpmn: Task_BookPickup: "
        + "${bookPickupDelegate} throws BPMN error Err_PickupNotPossible (template org.aftersales.returns.BookPickup "
        + "(.camunda/element-templates/book-pickup.json)), but nothing catches it, so Camunda 7 ends this path of the "
        + "process silently. Fix: attach an error boundary event for error code Err_PickupNotPossible to Task_BookPickup "
        + "and model what happens then.");
  }

  @Test
  void aTemplateCallingAnUnknownBeanOrANonDelegateIsReported() {
    List<Template> broken = new ArrayList<>();
    broken.add(withDelegate("org.aftersales.returns.BookPickup", "${noSuchDelegate}"));
    broken.add(withDelegate("org.aftersales.returns.BookShipment", "${returnLimits}"));

    List<String> problems = ModelChecks.checkBeansExist(broken, beans);

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("template org.aftersales.returns.BookPickup (.camunda/element-templates/"
        + "book-pickup.json): calls bean 'noSuchDelegate', but no Spring component in app/src/main/java has that name.");
    assertThat(problems.get(1)).startsWith("template org.aftersales.returns.BookShipment (.camunda/element-templates/"
        + "book-shipment.json): calls bean 'returnLimits', a org.aftersales.returns.ReturnLimits, which is no JavaDelegate");
  }

  @Test
  void aDelegateWithoutTemplateAndATemplateHidingAnErrorAreReported() {
    List<Template> withoutPickup = templates.stream().filter(t -> !t.id().equals("org.aftersales.returns.BookPickup")).toList();
    ObjectNode pickup = template("org.aftersales.returns.BookPickup").json().deepCopy();
    pickup.remove("metadata");

    assertThat(ModelChecks.checkEveryDelegateBeanHasATemplate(withoutPickup, beans)).containsExactly(
        "bean bookPickupDelegate (org.aftersales.returns.BookPickupDelegate) is a JavaDelegate without an element "
            + "template. Fix: add one to .camunda/element-templates (see its README.md).");
    assertThat(ModelChecks.checkDeclaredErrors(List.of(new Template("book-pickup.json", pickup)), beans,
        ModelChecks.MAIN_SOURCES)).singleElement().asString().startsWith("template org.aftersales.returns.BookPickup "
        + "(book-pickup.json): declares BPMN errors [] (metadata.bpmnErrors) but BookPickupDelegate throws "
        + "[Err_PickupNotPossible].");
  }

  @Test
  void checkAllGathersEveryCheck() {
    BpmnModelInstance bpmn = read("refund-payment.bpmn");
    bpmn.<FlowNode>getModelElementById("Task_CheckRefundStatus").setCamundaAsyncBefore(false);
    Map<String, Class<?>> fewerBeans = new HashMap<>(beans);
    fewerBeans.remove("watchParcelDelegate");

    List<String> problems = ModelChecks.checkAll(templates, List.of(new Model("processes/refund-payment.bpmn", bpmn)), fewerBeans);

    assertThat(problems).hasSize(2);
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("calls bean 'watchParcelDelegate', but no Spring component"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("processes/refund-payment.bpmn: Task_CheckRefundStatus: "
        + "camunda:asyncBefore is false"));
  }

  // ------------------------------------------------------------------------------------------ helpers

  private static Template template(String id) {
    return templates.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  private static Template withDelegate(String id, String expression) {
    Template original = template(id);
    ObjectNode json = original.json().deepCopy();
    for (JsonNode property : json.get("properties")) {
      if ("camunda:delegateExpression".equals(property.path("binding").path("name").asText())) {
        ((ObjectNode) property).put("value", expression);
      }
    }
    return new Template(original.file(), json);
  }

  private static Set<String> choices(String templateId, String input) {
    Set<String> values = new TreeSet<>();
    template(templateId).bound("camunda:inputParameter").stream()
        .filter(p -> input.equals(p.path("binding").path("name").asText()))
        .forEach(p -> p.path("choices").forEach(c -> values.add(c.path("value").asText())));
    return values;
  }

  private static BpmnModelInstance read(String file) {
    return Bpmn.readModelFromFile(ModelChecks.PROCESSES.resolve(file).toFile());
  }

  private static CamundaInputOutput inputs(BpmnModelInstance bpmn, String taskId) {
    return ModelChecks.inputOutput(bpmn.getModelElementById(taskId)).orElseThrow();
  }
}
