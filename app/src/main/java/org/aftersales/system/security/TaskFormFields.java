package org.aftersales.system.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
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
 * {@code withReturn}) from outside the form that takes it. Writing a task's variables directly needs more than
 * working it (candidate groups get {@code TASK_WORK}, see application.properties).
 */
public class TaskFormFields extends OncePerRequestFilter {

  private static final Pattern COMPLETION =
      Pattern.compile(".*/task/([^/]+)/(complete|submit-form|resolve)/?");
  /** A completion body is small: the form's values. */
  private static final int MAX_BODY = 256 * 1024;

  private final FormService formService;
  private final TaskService taskService;
  private final ObjectMapper json;

  public TaskFormFields(FormService formService, TaskService taskService, ObjectMapper json) {
    this.formService = formService;
    this.taskService = taskService;
    this.json = json;
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
    List<String> submitted = variableNames(body);
    if (!submitted.isEmpty()) {
      Set<String> fields = formFields(matcher.group(1));
      if (fields != null) {
        List<String> foreign = submitted.stream().filter(name -> !fields.contains(name)).toList();
        if (!foreign.isEmpty()) {
          refuse(response, HttpStatus.BAD_REQUEST, "The task's form has no field " + String.join(", ", foreign)
              + ": a task is completed with its form's fields only. Nothing was changed.");
          return;
        }
      }
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private List<String> variableNames(byte[] body) {
    List<String> names = new ArrayList<>();
    try {
      JsonNode variables = body.length == 0 ? null : json.readTree(body).get("variables");
      if (variables != null && variables.isObject()) {
        variables.fieldNames().forEachRemaining(names::add);
      }
    } catch (IOException e) {
      // not JSON: the engine answers that itself
    }
    return names;
  }

  /** The keys of the task's Camunda Form; empty for a task without one; null for a task the caller cannot see. */
  private Set<String> formFields(String taskId) {
    if (taskService.createTaskQuery().taskId(taskId).count() == 0) {
      // gone (its case withdrawn, say) or hidden from the caller: the engine and the filters after this one answer;
      // the engine's form lookup would fail on a missing task with a NullPointerException
      return null;
    }
    try (InputStream form = formService.getDeployedTaskForm(taskId)) {
      Set<String> keys = new HashSet<>();
      collectKeys(json.readTree(form), keys);
      return keys;
    } catch (ProcessEngineException e) {
      String message = String.valueOf(e.getMessage());
      // a task without a deployed form takes no variables; an unknown or hidden task is the engine's to answer
      return message.contains("'formKey' and 'camunda:formRef' must be supplied") ? Set.of() : null;
    } catch (IOException e) {
      return Set.of();
    }
  }

  private static void collectKeys(JsonNode node, Set<String> keys) {
    JsonNode components = node.get("components");
    if (components == null) {
      return;
    }
    for (Iterator<JsonNode> it = components.elements(); it.hasNext();) {
      JsonNode component = it.next();
      if (component.hasNonNull("key")) {
        keys.add(component.get("key").asText());
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
