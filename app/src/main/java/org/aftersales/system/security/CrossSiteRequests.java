package org.aftersales.system.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.aftersales.system.web.ApiExceptionHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request that changes something (any method but GET, HEAD, OPTIONS) when a browser says it comes
 * from a page of another site: {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}, or else an
 * {@code Origin} other than this server's. A page elsewhere can then neither deploy, cancel nor complete anything
 * with a logged-in person's credentials. Calls between servers (shops, carriers, payment providers) send
 * neither header and pass.
 */
class CrossSiteRequests extends OncePerRequestFilter {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
  private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

  private final ObjectMapper json;

  CrossSiteRequests(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!SAFE.contains(request.getMethod()) && isCrossSite(request)) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      json.writeValue(response.getOutputStream(), ApiExceptionHandler.problem(HttpStatus.FORBIDDEN,
          "Cross-site request", "A page of another site may not change anything here. Use this site's own "
              + "pages, or call the API from a server (without Origin and Sec-Fetch-Site headers)."));
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean isCrossSite(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null) {
      return !OWN_SITE.contains(site);
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null) {
      return false;
    }
    String own = request.getScheme() + "://" + request.getHeader(HttpHeaders.HOST);
    return !origin.equalsIgnoreCase(own);
  }
}
