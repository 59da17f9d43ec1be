package org.aftersales.system.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aftersales.system.web.ApiExceptionHandler;
import org.aftersales.system.web.CachedBodyRequest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Comments and attachments on a task are written by those who may work it (its candidate groups, its
 * assignee, supervisors of the flow, administrators), never by read-only users such as managers, through the
 * engine REST API and Tasklist's alike; the engine itself checks nothing here. A link attachment must be an
 * {@code https} address.
 */
class TaskNotes extends OncePerRequestFilter {

  private static final Pattern NOTE = Pattern.compile(".*/task/([^/]+)/(comment|attachment)(/.*)?");
  private static final Pattern URL_PART =
      Pattern.compile("name=\"url\"[^\\r\\n]*\\r\\n(?:[^\\r\\n]+\\r\\n)*\\r\\n([^\\r\\n]*)");
  private static final int MAX_BODY = 4 * 1024 * 1024;

  private final TaskService tasks;
  private final AuthorizationService authorizations;
  private final IdentityService identity;
  private final ObjectMapper json;

  TaskNotes(TaskService tasks, AuthorizationService authorizations, IdentityService identity, ObjectMapper json) {
    this.tasks = tasks;
    this.authorizations = authorizations;
    this.identity = identity;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())
        || !NOTE.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher matcher = NOTE.matcher(request.getRequestURI());
    matcher.matches();
    Authentication caller = caller(request);
    if (caller == null) {
      chain.doFilter(request, response); // the engine or the webapp answers an anonymous caller
      return;
    }
    if (!mayWork(caller, matcher.group(1))) {
      refuse(response, HttpStatus.FORBIDDEN, "Only those who may work this task write comments and attachments on it.");
      return;
    }
    if (!"attachment".equals(matcher.group(2))) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY);
    Matcher url = URL_PART.matcher(new String(body, StandardCharsets.ISO_8859_1));
    if (url.find() && !url.group(1).trim().toLowerCase(java.util.Locale.ROOT).startsWith("https://")) {
      refuse(response, HttpStatus.BAD_REQUEST, "A link attachment must be an https:// address.");
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  /** The user of the engine REST call (HTTP Basic) or of the webapp session. */
  private Authentication caller(HttpServletRequest request) {
    var spring = SecurityContextHolder.getContext().getAuthentication();
    if (spring != null && spring.isAuthenticated() && request.getRequestURI().contains("/engine-rest/")) {
      return new Authentication(spring.getName(),
          spring.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    }
    var session = request.getSession(false);
    Authentications logins = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (logins != null && logins.getAuthenticationForProcessEngine("default") instanceof UserAuthentication user) {
      return new Authentication(user.getIdentityId(), user.getGroupIds() == null ? List.of() : List.copyOf(user.getGroupIds()));
    }
    return null;
  }

  private boolean mayWork(Authentication caller, String taskId) {
    Authentication before = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
      if (task == null) {
        return true; // the engine answers that there is no such task
      }
      if (caller.getUserId().equals(task.getAssignee())) {
        return true;
      }
      String definitionKey = task.getProcessDefinitionId() == null ? null : task.getProcessDefinitionId().split(":")[0];
      return allowed(caller, new Permission[] {TaskPermissions.TASK_WORK, Permissions.UPDATE}, Resources.TASK, taskId)
          || (definitionKey != null && allowed(caller, new Permission[] {ProcessDefinitionPermissions.TASK_WORK,
              ProcessDefinitionPermissions.UPDATE_TASK}, Resources.PROCESS_DEFINITION, definitionKey));
    } finally {
      if (before != null) {
        identity.setAuthentication(before);
      }
    }
  }

  private boolean allowed(Authentication caller, Permission[] permissions, Resources resource, String id) {
    for (Permission permission : permissions) {
      if (authorizations.isUserAuthorized(caller.getUserId(), caller.getGroupIds(), permission, resource, id)) {
        return true;
      }
    }
    return false;
  }

  private void refuse(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), ApiExceptionHandler.problem(status,
        status == HttpStatus.FORBIDDEN ? "Not your task" : "Not an https link", detail));
  }
}
