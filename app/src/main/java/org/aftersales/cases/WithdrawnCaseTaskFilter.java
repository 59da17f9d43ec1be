package org.aftersales.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A task completed (Camunda's REST API or Tasklist: {@code .../task/{id}/complete}, {@code submit-form},
 * {@code resolve}) after its case was withdrawn answers 409 problem+json saying so, instead of Camunda's 500
 * ("Cannot find task") or 403. Checked before the call when the task is already gone, and after a failed call
 * when the withdrawal ran at the same moment (the task vanished under the completion); the withdrawal's outcome
 * stands either way. Other answers pass unchanged.
 */
@Component
public class WithdrawnCaseTaskFilter extends OncePerRequestFilter {

  private static final Pattern TASK_ACTION = Pattern.compile(".*/task/([^/]+)/(complete|submit-form|resolve)");

  private final TaskService tasks;
  private final HistoryService history;
  private final IdentityService identity;
  private final CaseRepository cases;
  private final ObjectMapper json;

  public WithdrawnCaseTaskFilter(TaskService tasks, HistoryService history, IdentityService identity,
      CaseRepository cases, ObjectMapper json) {
    this.tasks = tasks;
    this.history = history;
    this.identity = identity;
    this.cases = cases;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !TASK_ACTION.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher action = TASK_ACTION.matcher(request.getRequestURI());
    String taskId = action.matches() ? action.group(1) : null;
    Optional<CaseRecord> withdrawn = withdrawnCaseOf(taskId);
    if (withdrawn.isPresent()) {
      conflict(request, response, withdrawn.get(), taskId);
      return;
    }
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, answer);
    if (answer.getStatus() >= 400 && answer.getStatus() != 409) {
      withdrawn = withdrawnCaseOf(taskId);
      if (withdrawn.isPresent()) {
        answer.resetBuffer();
        conflict(request, response, withdrawn.get(), taskId);
        return;
      }
    }
    answer.copyBodyToResponse();
  }

  /** The withdrawn case of a task that no longer exists; empty for a task that exists or another case. */
  private Optional<CaseRecord> withdrawnCaseOf(String taskId) {
    // the caller's own authorizations do not cover a deleted task's history: look it up as the application
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      if (taskId == null || tasks.createTaskQuery().taskId(taskId).count() > 0) {
        return Optional.empty();
      }
      HistoricTaskInstance task = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
      if (task == null || task.getProcessInstanceId() == null) {
        return Optional.empty();
      }
      HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
          .processInstanceId(task.getProcessInstanceId()).singleResult();
      String caseId = instance == null ? null : instance.getBusinessKey();
      return caseId == null ? Optional.empty() : cases.find(caseId)
          .filter(c -> c.status() == CaseStatus.CLOSED && c.outcome() == Outcome.CANCELLED);
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private void conflict(HttpServletRequest request, HttpServletResponse response, CaseRecord c, String taskId)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", "Conflict");
    problem.put("status", 409);
    problem.put("detail", "Case " + c.caseId() + " was withdrawn, so task " + taskId + " no longer exists and "
        + "nothing was changed. Refresh your task list.");
    problem.put("instance", request.getRequestURI());
    response.setStatus(409);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getOutputStream().write(json.writeValueAsBytes(problem));
  }
}
