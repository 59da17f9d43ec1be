package org.aftersales.system.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets the Cockpit plugin read the reports with the manager's Cockpit login, and Tasklist forms open case
 * documents with the agent's Tasklist login: a GET to one of the {@code readable} paths (reports, case documents)
 * without HTTP Basic credentials counts as the user logged in to the Camunda webapps in this session, with
 * that user's groups. Besides reading, only a POST to one of the {@code writable} paths (a photo added from
 * Tasklist's documents tab), and only with the webapp's CSRF token in {@code X-XSRF-TOKEN}, as Camunda's own
 * API asks; the access rules of {@link SecurityConfiguration} still decide.
 */
class WebappSessionReportFilter extends OncePerRequestFilter {

  /** Where Camunda's webapp keeps the session's CSRF token (its CsrfPreventionFilter). */
  private static final String CSRF_TOKEN = "CAMUNDA_CSRF_TOKEN";

  private final String engineName;
  private final RequestMatcher readable;
  private final RequestMatcher writable;

  WebappSessionReportFilter(String engineName, RequestMatcher readable, RequestMatcher writable) {
    this.engineName = engineName;
    this.readable = readable;
    this.writable = writable;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    boolean reading = "GET".equals(request.getMethod()) && readable.matches(request);
    return !(reading || writable.matches(request)) || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    boolean reading = "GET".equals(request.getMethod());
    if (session != null && !reading) {
      Object token = session.getAttribute(CSRF_TOKEN);
      if (token == null || !token.equals(request.getHeader("X-XSRF-TOKEN"))) {
        session = null; // no token, no login: the access rules answer 401
      }
    }
    if (session != null && SecurityContextHolder.getContext().getAuthentication() == null) {
      Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
      Authentication login = authentications == null ? null : authentications.getAuthenticationForProcessEngine(engineName);
      if (login instanceof UserAuthentication user) {
        List<SimpleGrantedAuthority> groups = user.getGroupIds() == null ? List.of()
            : user.getGroupIds().stream().map(SimpleGrantedAuthority::new).toList();
        SecurityContextHolder.getContext().setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(user.getIdentityId(), null, groups));
      }
    }
    chain.doFilter(request, response);
  }
}
