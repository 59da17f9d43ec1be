package org.aftersales.system.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Gives a task's form its display values ({@link TaskDisplayValues}) where it reads its variables: Tasklist's
 * Camunda Forms ({@code GET .../task/{id}/form-variables}, through the engine REST API or Tasklist's). When the
 * engine answered 200 with the task's variables, the display values of the task's case are added as typed values
 * ({@code {"type":"String","value":...,"valueInfo":{}}}), those named in {@code variableNames} only if it is given;
 * a variable the engine returned is never replaced. Any other answer (the task is hidden from the user, gone,
 * unknown) goes out as the engine gave it.
 */
public class TaskFormVariables extends OncePerRequestFilter {

  private static final Pattern FORM_VARIABLES = Pattern.compile(".*/task/([^/]+)/form-variables/?");

  private final TaskDisplayValues display;
  private final IdentityService identity;
  private final ObjectMapper json;

  public TaskFormVariables(TaskDisplayValues display, IdentityService identity, ObjectMapper json) {
    this.display = display;
    this.identity = identity;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod()) || !FORM_VARIABLES.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher matcher = FORM_VARIABLES.matcher(request.getRequestURI());
    matcher.matches();
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, answer);
    byte[] body = answer.getContentAsByteArray();
    ObjectNode variables = answer.getStatus() == HttpServletResponse.SC_OK ? object(body) : null;
    if (variables != null) {
      Set<String> wanted = wanted(request.getParameter("variableNames"));
      display(matcher.group(1)).forEach((name, value) -> {
        if (!variables.has(name) && (wanted == null || wanted.contains(name))) {
          ObjectNode typed = variables.putObject(name);
          typed.put("type", value instanceof Double ? "Double" : "String");
          typed.putPOJO("value", value);
          typed.putObject("valueInfo");
        }
      });
      body = json.writeValueAsBytes(variables);
      answer.resetBuffer();
      answer.getOutputStream().write(body);
    }
    answer.copyBodyToResponse();
  }

  /**
   * The display values, read without the user's authorizations: the engine has just shown the user the task's
   * variables, and the case record is the task's own.
   */
  private Map<String, Object> display(String taskId) {
    Authentication user = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return display.of(taskId);
    } finally {
      if (user != null) {
        identity.setAuthentication(user);
      }
    }
  }

  private ObjectNode object(byte[] body) {
    try {
      JsonNode node = body.length == 0 ? null : json.readTree(body);
      return node instanceof ObjectNode object ? object : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The names asked for, or null for all. */
  private static Set<String> wanted(String variableNames) {
    return variableNames == null || variableNames.isBlank() ? null : Arrays.stream(variableNames.split(","))
        .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
  }
}
