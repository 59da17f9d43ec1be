package org.aftersales.system.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database is restarting or cut off, a request fails wherever it first needs it: checking the caller's
 * password (before any controller), or in a controller or the engine. Without this filter that is a 500 with the
 * driver's message; with it, a {@code 503 application/problem+json} with {@code Retry-After}, which tells callers
 * (shops, carriers, the payment provider's callbacks) to send the same request again. Nothing was acknowledged, so
 * nothing is lost. The connection pool replaces its broken connections by itself once the database answers
 * (settings in application-mysql.properties); the application needs no restart.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class DatabaseUnavailableFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);
  static final String RETRY_AFTER_SECONDS = "5";

  private final ObjectMapper objectMapper;

  public DatabaseUnavailableFilter(ObjectMapper objectMapper) {
    this.objectMapper = objectMapper;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | RuntimeException e) {
      if (!DatabaseUnavailable.isCause(e) || response.isCommitted()) {
        throw e;
      }
      LOG.warn("Database unavailable: {} {} answered 503 ({})", request.getMethod(), request.getRequestURI(), rootMessage(e));
      response.resetBuffer();
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
      response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      objectMapper.writeValue(response.getOutputStream(), problem(request.getRequestURI()));
    }
  }

  static ProblemDetail problem(String uri) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL);
    problem.setTitle("Temporarily unavailable");
    problem.setInstance(URI.create(uri));
    return problem;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
