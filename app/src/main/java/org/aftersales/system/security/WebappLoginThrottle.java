package org.aftersales.system.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.aftersales.system.web.CachedBodyRequest;
import org.aftersales.system.web.ApiExceptionHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link LoginThrottle} to the webapps' login form (Tasklist, Cockpit, Admin): a refused login gets 429
 * without its password being checked; each answer is counted as a failed or a successful login.
 */
class WebappLoginThrottle extends OncePerRequestFilter {

  private static final int MAX_BODY = 8 * 1024;

  private final LoginThrottle throttle;
  private final ObjectMapper json;

  WebappLoginThrottle(LoginThrottle throttle, ObjectMapper json) {
    this.throttle = throttle;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !request.getRequestURI().contains("/login/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY);
    String user = formField(new String(body, StandardCharsets.UTF_8), "username");
    String address = request.getRemoteAddr();
    Optional<String> refusal = throttle.refusal(user, address);
    if (refusal.isPresent()) {
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      json.writeValue(response.getOutputStream(),
          ApiExceptionHandler.problem(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins", refusal.get()));
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
    if (response.getStatus() == HttpStatus.OK.value()) {
      throttle.succeeded(user, address);
    } else if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
      throttle.failed(user, address);
    }
  }

  private static String formField(String body, String name) {
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
