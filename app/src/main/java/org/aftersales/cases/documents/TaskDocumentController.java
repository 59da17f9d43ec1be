package org.aftersales.cases.documents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;
import org.aftersales.cases.documents.CaseDocumentController.DocumentList;
import org.aftersales.cases.documents.CaseDocumentService.Caller;
import org.aftersales.cases.documents.CaseDocumentService.Upload;
import org.aftersales.system.web.NotFoundException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The documents of the case an open task belongs to, for Tasklist's "Documents" tab (with the webapp login): the
 * list with links, readable before the task is claimed, and photos added from the task by the people who work it,
 * its assignee or candidates (an inspector of an open inspection, a technician of an open diagnosis), with the
 * checks of every upload (size, type by content, the case's document count; nothing stored when refused).
 */
@RestController
@RequestMapping("/api/tasks/{taskId}/documents")
@Tag(name = "Case documents", description = "Photos and documents attached to a case")
public class TaskDocumentController {

  private final CaseDocumentService documents;
  private final TaskService tasks;
  private final RuntimeService runtime;

  public TaskDocumentController(CaseDocumentService documents, TaskService tasks, RuntimeService runtime) {
    this.documents = documents;
    this.tasks = tasks;
    this.runtime = runtime;
  }

  @GetMapping
  @Operation(summary = "The documents of an open task's case", description = "As GET /api/cases/{caseId}/documents "
      + "for the case of the task; 404 for a task that is not open.")
  public DocumentList list(@PathVariable String taskId, Authentication caller) {
    String caseId = caseOf(openTask(taskId));
    return new DocumentList(caseId, documents.limits().maxPerCase(),
        documents.list(caseId, new Caller(caller.getName(), false, null, null)));
  }

  @PostMapping
  @Operation(summary = "Add a photo or document from an open task", description = "multipart/form-data as POST "
      + "/api/cases/{caseId}/documents, added by the staff member for the task's case. Only the task's assignee or "
      + "its candidates (users or groups) may add; others get 403. 404 for a task that is not open.")
  public ResponseEntity<DocumentView> add(@PathVariable String taskId,
      @Parameter(hidden = true) @RequestPart(name = "file", required = false) MultipartFile file,
      @Parameter(hidden = true) @RequestParam(required = false) String description,
      @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
      Authentication caller) {
    CaseDocumentController.requireMultipart(contentType);
    Task task = openTask(taskId);
    if (!worksOn(task, caller)) {
      throw new AccessDeniedException("Only the person working task " + taskId + " or its candidates may add documents "
          + "to its case.");
    }
    Upload upload = new Upload(file == null ? null : file.getOriginalFilename(), file == null ? null : file.getContentType(),
        file == null ? null : CaseDocumentController.bytes(file), description);
    DocumentView added = documents.add(caseOf(task), upload, new Caller(caller.getName(), false, null, null));
    return ResponseEntity.created(URI.create(added.href())).body(added);
  }

  private Task openTask(String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null || task.getProcessInstanceId() == null) {
      throw new NotFoundException("No open task " + taskId + ".");
    }
    return task;
  }

  /** The case of the task: its process instance's business key. */
  private String caseOf(Task task) {
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .singleResult();
    if (instance == null || instance.getBusinessKey() == null) {
      throw new NotFoundException("Task " + task.getId() + " belongs to no case.");
    }
    return instance.getBusinessKey();
  }

  /** The assignee, a candidate user, or a member of a candidate group. */
  private boolean worksOn(Task task, Authentication caller) {
    String user = caller.getName();
    if (user.equals(task.getAssignee())) {
      return true;
    }
    Set<String> groups = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())
          && (user.equals(link.getUserId()) || (link.getGroupId() != null && groups.contains(link.getGroupId())))) {
        return true;
      }
    }
    return false;
  }
}
