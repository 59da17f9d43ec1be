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
 * that user's groups. Reading only; the access rules of {@link SecurityConfiguration} still decide.
 */
class WebappSessionReportFilter extends OncePerRequestFilter {

  private final String engineName;
  private final RequestMatcher readable;

  WebappSessionReportFilter(String engineName, RequestMatcher readable) {
    this.engineName = engineName;
    this.readable = readable;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod()) || !readable.matches(request)
        || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
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
