package org.aftersales.system.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aftersales.system.web.ApiExceptionHandler;
import org.aftersales.system.web.CachedBodyRequest;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A task is completed with its form's fields and nothing else: a completion ({@code complete},
 * {@code submit-form}, {@code resolve}, through the engine REST API or Tasklist's) that carries a variable its
 * Camunda Form has no field for gets 400 and changes nothing, so that no one sets a decision (such as
 * {@code withReturn}) from outside the form that takes it. What the form only shows is not written back: Tasklist
 * submits a form's read-only fields too, so the submitted variables of {@code readonly} fields and the display
 * values ({@link TaskDisplayValues}, the case summary, history, ...) are dropped before the engine sees the
 * completion. Writing a task's variables directly needs more than working it (candidate groups get
 * {@code TASK_WORK}, see application.properties).
 */
public class TaskFormFields extends OncePerRequestFilter {

  private static final Pattern COMPLETION =
      Pattern.compile(".*/task/([^/]+)/(complete|submit-form|resolve)/?");
  /** A completion body is small: the form's values. */
  private static final int MAX_BODY = 256 * 1024;

  private final FormService formService;
  private final TaskService taskService;
  private final ObjectMapper json;
  private final Set<String> displayValues;

  public TaskFormFields(FormService formService, TaskService taskService, ObjectMapper json,
      TaskDisplayValues display) {
    this.formService = formService;
    this.taskService = taskService;
    this.json = json;
    this.displayValues = display.names();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !COMPLETION.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher matcher = COMPLETION.matcher(request.getRequestURI());
    matcher.matches();
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, "A completion carries at most " + MAX_BODY + " bytes.");
      return;
    }
    ObjectNode variables = variables(body);
    if (variables != null && !variables.isEmpty()) {
      Map<String, Boolean> fields = formFields(matcher.group(1));
      if (fields != null) {
        List<String> submitted = new ArrayList<>();
        variables.fieldNames().forEachRemaining(submitted::add);
        List<String> foreign = submitted.stream()
            .filter(name -> !fields.containsKey(name) && !displayValues.contains(name)).toList();
        if (!foreign.isEmpty()) {
          refuse(response, HttpStatus.BAD_REQUEST, "The task's form has no field " + String.join(", ", foreign)
              + ": a task is completed with its form's fields only. Nothing was changed.");
          return;
        }
        // shown, not entered: the engine keeps what it has (display values are never variables)
        List<String> shown = submitted.stream().filter(name -> Boolean.TRUE.equals(fields.get(name))
            || displayValues.contains(name) && !Boolean.FALSE.equals(fields.get(name))).toList();
        if (!shown.isEmpty()) {
          variables.remove(shown);
          body = json.writeValueAsBytes(root(body, variables));
        }
      }
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  /** The submitted {@code variables} object; null when there is none or the body is not JSON. */
  private ObjectNode variables(byte[] body) {
    try {
      JsonNode variables = body.length == 0 ? null : json.readTree(body).get("variables");
      return variables instanceof ObjectNode object ? object : null;
    } catch (IOException e) {
      // not JSON: the engine answers that itself
      return null;
    }
  }

  private JsonNode root(byte[] body, ObjectNode variables) throws IOException {
    ObjectNode root = (ObjectNode) json.readTree(body);
    root.set("variables", variables);
    return root;
  }

  /**
   * The keys of the task's Camunda Form, each with whether its field is read-only; empty for a task without one;
   * null for a task the caller cannot see.
   */
  private Map<String, Boolean> formFields(String taskId) {
    if (taskService.createTaskQuery().taskId(taskId).count() == 0) {
      // gone (its case withdrawn, say) or hidden from the caller: the engine and the filters after this one answer;
      // the engine's form lookup would fail on a missing task with a NullPointerException
      return null;
    }
    try (InputStream form = formService.getDeployedTaskForm(taskId)) {
      Map<String, Boolean> keys = new HashMap<>();
      collectKeys(json.readTree(form), keys);
      return keys;
    } catch (ProcessEngineException e) {
      String message = String.valueOf(e.getMessage());
      // a task without a deployed form takes no variables; an unknown or hidden task is the engine's to answer
      return message.contains("'formKey' and 'camunda:formRef' must be supplied") ? Map.of() : null;
    } catch (IOException e) {
      return Map.of();
    }
  }

  /** Read-only means {@code "readonly": true}; a field read-only by an expression may be entered. */
  private static void collectKeys(JsonNode node, Map<String, Boolean> keys) {
    JsonNode components = node.get("components");
    if (components == null) {
      return;
    }
    for (Iterator<JsonNode> it = components.elements(); it.hasNext();) {
      JsonNode component = it.next();
      if (component.hasNonNull("key")) {
        // a key on two fields is entered if either may be
        keys.merge(component.get("key").asText(), component.path("readonly").asBoolean(false)
            && component.path("readonly").isBoolean(), Boolean::logicalAnd);
      }
      collectKeys(component, keys);
    }
  }

  private void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(),
        ApiExceptionHandler.problem(status, status == HttpStatus.BAD_REQUEST ? "Field not on the form"
            : "Request body too large", detail));
  }
}
