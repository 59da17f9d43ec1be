package org.aftersales.system.security;

import java.util.Arrays;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach which URL.
 *
 * <ul>
 *   <li>{@code /camunda/**}: Tasklist, Cockpit and Admin keep Camunda's own login, session and CSRF
 *       protection (their application rights come from {@link AccessPolicy}).
 *   <li>Everything else needs HTTP Basic credentials of a Camunda user, checked on every request (no
 *       session); only the health endpoint is open.
 * </ul>
 */
@Configuration
public class SecurityConfiguration {

  /** Staff may use the engine REST API (Modeler deployments, scripts); shop integrations may not. */
  private static final String[] ENGINE_REST_GROUPS = Role.groupIds(Role.staff());
  private static final String[] OPERATORS = Role.groupIds(Role.MANAGERS, Role.ADMINISTRATORS);
  private static final String[] CASE_READERS = Role.groupIds(Role.SHOP_INTEGRATION, Role.AGENTS,
      Role.SUPERVISORS, Role.COMPLAINT_HANDLERS, Role.MANAGERS, Role.ADMINISTRATORS);
  private static final String[] KNOWLEDGE_EDITORS = Role.groupIds(Role.AGENTS, Role.SUPERVISORS, Role.ADMINISTRATORS);
  private static final String[] INTEGRATIONS = Role.groupIds(Role.SHOP_INTEGRATION, Role.ADMINISTRATORS);
  private static final String[] CASE_WRITERS = Role.groupIds(Role.SHOP_INTEGRATION, Role.AGENTS,
      Role.SUPERVISORS, Role.ADMINISTRATORS);
  /** Case documents: every group that works tasks adds and opens them (from Tasklist forms too); managers open them. */
  private static final String[] WEBAPP_METRICS = {"/camunda/api/engine/engine/*/metrics",
      "/camunda/api/engine/engine/*/metrics/**"};
  private static final String[] DOCUMENTS = {"/api/cases/*/documents", "/api/cases/*/documents/*"};
  private static final String[] DOCUMENT_WRITERS = Role.groupIds(Role.SHOP_INTEGRATION, Role.AGENTS, Role.INSPECTORS,
      Role.TECHNICIANS, Role.COMPLAINT_HANDLERS, Role.SUPERVISORS, Role.FINANCE, Role.ADMINISTRATORS);
  private static final String[] DOCUMENT_READERS = Role.groupIds(Role.SHOP_INTEGRATION, Role.AGENTS, Role.INSPECTORS,
      Role.TECHNICIANS, Role.COMPLAINT_HANDLERS, Role.SUPERVISORS, Role.FINANCE, Role.MANAGERS, Role.ADMINISTRATORS,
      Role.SELLERS);

  /**
   * Documents from Tasklist's task tab and a case's history for staff: staff who work or watch tasks read them, those
   * who work tasks add documents.
   */
  private static final String TASK_DOCUMENTS = "/api/tasks/*/documents";
  private static final String STAFF_HISTORY = "/api/cases/*/history";
  private static final String[] STAFF_READERS = Role.groupIds(Role.AGENTS, Role.INSPECTORS, Role.TECHNICIANS,
      Role.COMPLAINT_HANDLERS, Role.SUPERVISORS, Role.FINANCE, Role.MANAGERS, Role.ADMINISTRATORS);
  private static final String[] TASK_DOCUMENT_WRITERS = Role.groupIds(Role.AGENTS, Role.INSPECTORS, Role.TECHNICIANS,
      Role.COMPLAINT_HANDLERS, Role.SUPERVISORS, Role.FINANCE, Role.ADMINISTRATORS);

  /** A seller's statement: the seller's own login, or staff recording one (docs/security.md, "Outside parties"). */
  private static final String[] SELLER_STATEMENT_WRITERS = Role.groupIds(Role.SELLERS, Role.AGENTS, Role.SUPERVISORS,
      Role.ADMINISTRATORS);
  /**
   * What a seller's login reads besides the documents of the complaints about it: those complaints and its penalties
   * (its own only, checked by the endpoints: another seller's are unknown, 404).
   */
  private static final String[] SELLER_READS = {"/api/cases/*/complaint", "/api/sellers/**"};
  private static final String[] SELLER_READERS = Role.groupIds(Role.SELLERS, Role.SHOP_INTEGRATION, Role.AGENTS,
      Role.SUPERVISORS, Role.COMPLAINT_HANDLERS, Role.MANAGERS, Role.ADMINISTRATORS);

  @Bean
  @Order(1)
  SecurityFilterChain webapps(HttpSecurity http) throws Exception {
    return http
        .securityMatcher(paths("/", "/camunda/**"))
        // the engine checks no authorization on its metrics: for operators only, as on /engine-rest
        .authorizeHttpRequests(auth -> auth.requestMatchers(paths(WEBAPP_METRICS)).hasAnyAuthority(OPERATORS)
            .anyRequest().permitAll())
        .addFilterBefore(new WebappSessionReportFilter("default", paths(WEBAPP_METRICS), request -> false),
            org.springframework.security.web.authentication.AnonymousAuthenticationFilter.class)
        // the webapps send Camunda's own CSRF token, checked by Camunda's CsrfPreventionFilter
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()).cacheControl(cache -> cache.disable()))
        .requestCache(cache -> cache.disable())
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain apis(HttpSecurity http, ProblemSecurityHandler problems,
      com.fasterxml.jackson.databind.ObjectMapper json,
      @Value("${aftersales.deployment.through-rest:true}") boolean restDeployments) throws Exception {
    return http
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(paths("/error", "/actuator/health", "/actuator/health/**")).permitAll()
            .requestMatchers(paths("/actuator/**")).hasAnyAuthority(OPERATORS)
            // the engine checks no authorization on its metrics: like /actuator/prometheus, for operators only
            .requestMatchers(paths("/engine-rest/metrics", "/engine-rest/metrics/**", "/engine-rest/engine/*/metrics",
                "/engine-rest/engine/*/metrics/**")).hasAnyAuthority(OPERATORS)
            // production deploys the models of the build only (docs/security.md): no deployment through REST
            .requestMatchers(paths(HttpMethod.POST, "/engine-rest/deployment/**", "/engine-rest/engine/*/deployment/**"))
            .access(restDeployments
                ? org.springframework.security.authorization.AuthorityAuthorizationManager.hasAnyAuthority(ENGINE_REST_GROUPS)
                : (authentication, context) -> new org.springframework.security.authorization.AuthorizationDecision(false))
            .requestMatchers(paths("/engine-rest/**")).hasAnyAuthority(ENGINE_REST_GROUPS)
            .requestMatchers(paths("/api/me")).authenticated()
            // outside parties: each kind reaches its own endpoints only; callbacks are signed as well
            // (parties/SignedCallbackFilter), parties are managed by administrators
            .requestMatchers(paths("/api/events/parcels")).hasAuthority(Role.CARRIERS.groupId())
            .requestMatchers(paths("/api/events/payments")).hasAuthority(Role.PAYMENT_PROVIDERS.groupId())
            .requestMatchers(paths(HttpMethod.POST, "/api/cases/*/seller-statement")).hasAnyAuthority(SELLER_STATEMENT_WRITERS)
            .requestMatchers(paths("/api/admin/**")).hasAuthority(Role.ADMINISTRATORS.groupId())
            .requestMatchers(paths("/api/finance/**")).hasAnyAuthority(Role.groupIds(Role.FINANCE, Role.ADMINISTRATORS))
            // what the user may see and do, for the Cockpit plugin: staff ask about themselves
            .requestMatchers(paths(HttpMethod.GET, "/api/reports/access")).hasAnyAuthority(ENGINE_REST_GROUPS)
            .requestMatchers(paths("/api/reports/**")).hasAnyAuthority(OPERATORS)
            // a notice that failed after every attempt is sent again by an operator (docs/managers-and-operators.md)
            .requestMatchers(paths("/api/notifications/**")).hasAnyAuthority(OPERATORS)
            .requestMatchers(paths(HttpMethod.GET, "/api/knowledge/**")).hasAnyAuthority(ENGINE_REST_GROUPS)
            .requestMatchers(paths("/api/knowledge/**")).hasAnyAuthority(KNOWLEDGE_EDITORS)
            .requestMatchers(paths(HttpMethod.GET, DOCUMENTS)).hasAnyAuthority(DOCUMENT_READERS)
            .requestMatchers(paths(HttpMethod.GET, SELLER_READS)).hasAnyAuthority(SELLER_READERS)
            .requestMatchers(paths(HttpMethod.POST, DOCUMENTS[0])).hasAnyAuthority(DOCUMENT_WRITERS)
            .requestMatchers(paths(HttpMethod.GET, TASK_DOCUMENTS, STAFF_HISTORY)).hasAnyAuthority(STAFF_READERS)
            .requestMatchers(paths(HttpMethod.POST, TASK_DOCUMENTS)).hasAnyAuthority(TASK_DOCUMENT_WRITERS)
            .requestMatchers(paths(HttpMethod.GET, "/api/cases", "/api/cases/**", "/api/sellers/**")).hasAnyAuthority(CASE_READERS)
            .requestMatchers(paths("/api/cases", "/api/cases/**")).hasAnyAuthority(CASE_WRITERS)
            .requestMatchers(paths("/api/**")).hasAnyAuthority(INTEGRATIONS)
            // the carrier, payment and mail simulators stand in for outside systems: integrations only
            .requestMatchers(paths("/simulators/**")).hasAnyAuthority(INTEGRATIONS)
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName(ProblemSecurityHandler.REALM).authenticationEntryPoint(problems))
        // the Cockpit plugin reads the reports, and Tasklist forms link to case documents, with the user's
        // webapp login (GET only)
        // a person logged in to the webapps also opens the API documentation (Swagger UI)
        // and Tasklist's documents tab adds photos from a task (POST, with the webapp's CSRF token)
        .addFilterBefore(new WebappSessionReportFilter("default",
                paths(HttpMethod.GET, "/api/reports/**", DOCUMENTS[0], DOCUMENTS[1], TASK_DOCUMENTS, STAFF_HISTORY,
                    "/v3/api-docs",
                    "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"),
                paths(HttpMethod.POST, TASK_DOCUMENTS)),
            org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
        .addFilterBefore(new CrossSiteRequests(json), WebappSessionReportFilter.class)
        .exceptionHandling(ex -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        // never a session of our own; and a report read with the Cockpit login must not renew that login's
        // session id (session fixation protection would, and Cockpit's requests in flight would fail)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
            .sessionFixation(fixation -> fixation.none()))
        // stateless HTTP Basic clients: no cookie; browsers get no Basic challenge to cache (ProblemSecurityHandler)
        // and cross-site requests are refused (CrossSiteRequests)
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .build();
  }

  /**
   * Matches the path below the context path, whichever servlet serves it: the webapps and the engine REST
   * API are not Spring MVC, so Spring Security's MVC-aware default matchers do not fit them.
   */
  static RequestMatcher paths(String... patterns) {
    return paths(null, patterns);
  }

  static RequestMatcher paths(HttpMethod method, String... patterns) {
    PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
    return new OrRequestMatcher(Arrays.stream(patterns)
        .map(pattern -> (RequestMatcher) builder.matcher(method, pattern)).toList());
  }

  @Bean
  FilterRegistrationBean<EngineRestIdentityFilter> engineRestIdentityFilter(IdentityService identityService) {
    FilterRegistrationBean<EngineRestIdentityFilter> registration =
        new FilterRegistrationBean<>(new EngineRestIdentityFilter(identityService));
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }

  /** Tasks are completed with their form's fields only, through the engine REST API and Tasklist alike. */
  @Bean
  FilterRegistrationBean<TaskFormFields> taskFormFields(org.camunda.bpm.engine.FormService formService,
      org.camunda.bpm.engine.TaskService taskService, com.fasterxml.jackson.databind.ObjectMapper json,
      TaskDisplayValues display) {
    FilterRegistrationBean<TaskFormFields> registration =
        new FilterRegistrationBean<>(new TaskFormFields(formService, taskService, json, display));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
    return registration;
  }

  /** A task's form reads the display values of its case with its variables, through the engine REST API and Tasklist. */
  @Bean
  FilterRegistrationBean<TaskFormVariables> taskFormVariables(TaskDisplayValues display, IdentityService identity,
      com.fasterxml.jackson.databind.ObjectMapper json) {
    FilterRegistrationBean<TaskFormVariables> registration =
        new FilterRegistrationBean<>(new TaskFormVariables(display, identity, json));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
    return registration;
  }

  /** Failed logins to the webapps count as those to the APIs ({@link LoginThrottle}). */
  @Bean
  FilterRegistrationBean<WebappLoginThrottle> webappLoginThrottle(LoginThrottle throttle,
      com.fasterxml.jackson.databind.ObjectMapper json) {
    FilterRegistrationBean<WebappLoginThrottle> registration =
        new FilterRegistrationBean<>(new WebappLoginThrottle(throttle, json));
    registration.addUrlPatterns("/camunda/api/admin/auth/user/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 3);
    return registration;
  }

  /** Only those who work a task write comments and attachments on it ({@link TaskNotes}). */
  @Bean
  FilterRegistrationBean<TaskNotes> taskNotes(org.camunda.bpm.engine.ProcessEngine engine,
      com.fasterxml.jackson.databind.ObjectMapper json) {
    FilterRegistrationBean<TaskNotes> registration = new FilterRegistrationBean<>(new TaskNotes(engine.getTaskService(),
        engine.getAuthorizationService(), engine.getIdentityService(), json));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
    return registration;
  }
}
