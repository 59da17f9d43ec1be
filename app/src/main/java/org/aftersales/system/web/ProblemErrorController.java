package org.aftersales.system.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Errors that reach the servlet container's error page instead of a controller (a request the security
 * firewall rejects, such as a path with encoded dots or line breaks; an exception in a filter) answer as
 * {@code application/problem+json} like every other API error, not as Spring Boot's own JSON. Browsers
 * asking for HTML still get the HTML page.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController extends BasicErrorController {

  private final ErrorAttributes errorAttributes;

  public ProblemErrorController(ErrorAttributes errorAttributes, ServerProperties server,
      ObjectProvider<ErrorViewResolver> errorViewResolvers) {
    super(errorAttributes, server.getError(), errorViewResolvers.orderedStream().toList());
    this.errorAttributes = errorAttributes;
  }

  @Override
  public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    HttpStatus status = getStatus(request);
    if (status == HttpStatus.NO_CONTENT) {
      return new ResponseEntity<>(status);
    }
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", status.getReasonPhrase());
    problem.put("status", status.value());
    problem.put("detail", detail(request, status));
    Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (path != null) {
      problem.put("instance", path);
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private String detail(HttpServletRequest request, HttpStatus status) {
    Throwable error = errorAttributes.getError(new ServletWebRequest(request));
    if (error instanceof ErrorResponse response && response.getBody().getDetail() != null) {
      return response.getBody().getDetail();
    }
    return switch (status) {
      case BAD_REQUEST -> "The request was rejected as malformed: its path or headers hold characters that are not "
          + "allowed (such as encoded slashes, dots or line breaks). Send it as documented in the API description.";
      case NOT_FOUND -> "There is no endpoint at this path. The API endpoints are listed in the API description "
          + "(/v3/api-docs).";
      case UNAUTHORIZED -> "Log in with HTTP Basic credentials of a user of this system.";
      case FORBIDDEN -> "Your user may not do this. Ask an administrator for access.";
      default -> status.is5xxServerError()
          ? "The request could not be completed because of an error on our side. Try again later."
          : status.getReasonPhrase() + ".";
    };
  }
}
