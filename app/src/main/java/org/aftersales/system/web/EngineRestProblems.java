package org.aftersales.system.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Every error of the engine REST API as {@code application/problem+json}, like the rest of the API: a
 * {@code detail} a person can read (no Java class names, no Jackson reference chains), and the right status
 * (a password the policy refuses, a value the engine cannot take: 400, not 500). The engine's {@code message}
 * is kept, cleaned the same way, for Camunda Modeler, which shows it. A refused password also says what the
 * policy asks for.
 */
@Component
public class EngineRestProblems implements ResourceConfigCustomizer, ContainerResponseFilter {

  /** Engine errors that are the caller's bad input, though the engine answers 500. */
  private static final Set<String> BAD_INPUT = Set.of("PasswordPolicyException", "NotValidException",
      "NullValueException", "BadUserRequestException");
  /** The engine's message for a password its policy refuses (a plain engine exception, answered 500). */
  private static final String PASSWORD_POLICY = "Password does not match policy";
  private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.){2,}([A-Z][\\w$]*)");
  private static final Pattern THROWABLE = Pattern.compile("\\b[A-Z]\\w*(?:Exception|Error)\\b:?\\s*");

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(this);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() < 400) {
      return;
    }
    String type;
    String message;
    if (response.getEntity() instanceof ExceptionDto dto) {
      type = dto.getType();
      message = dto.getMessage();
    } else if (response.getEntity() instanceof Map<?, ?> map && map.containsKey("message")) {
      type = String.valueOf(map.get("type"));
      message = String.valueOf(map.get("message"));
    } else {
      return;
    }
    boolean badInput = BAD_INPUT.contains(type) || String.valueOf(message).startsWith(PASSWORD_POLICY);
    int status = response.getStatus() == 500 && badInput ? 400 : response.getStatus();
    String detail = readable(message, status);
    if (String.valueOf(message).startsWith(PASSWORD_POLICY)) {
      detail = detail + ": at least 10 characters with upper and lower case, a digit and a special character, "
          + "not containing the user id.";
    }
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", Response.Status.fromStatusCode(status) == null ? "Error"
        : Response.Status.fromStatusCode(status).getReasonPhrase());
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("message", detail);
    response.setStatus(status);
    response.setEntity(problem, response.getEntityAnnotations(), MediaType.valueOf("application/problem+json"));
  }

  /** The message without class names and reference chains; a fixed text for a server fault without one. */
  static String readable(String message, int status) {
    String text = message == null ? "" : message;
    int chain = text.indexOf(" (through reference chain");
    if (chain >= 0) {
      text = text.substring(0, chain);
    }
    int source = text.indexOf("\n at [Source");
    if (source >= 0) {
      text = text.substring(0, source);
    }
    Matcher qualified = QUALIFIED.matcher(text);
    StringBuilder simple = new StringBuilder();
    while (qualified.find()) {
      qualified.appendReplacement(simple, Matcher.quoteReplacement(qualified.group(1)));
    }
    qualified.appendTail(simple);
    text = THROWABLE.matcher(simple).replaceAll("").trim();
    if (text.isEmpty()) {
      return status >= 500 ? "The engine could not do this; the error is logged." : "The request was refused.";
    }
    return text;
  }
}
