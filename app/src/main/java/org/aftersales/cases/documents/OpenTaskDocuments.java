package org.aftersales.cases.documents;

import org.aftersales.cases.CaseSummary;
import org.aftersales.cases.documents.CaseDocumentService.DocumentAdded;
import org.aftersales.system.BusinessTime;
import org.camunda.bpm.engine.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the document links on the forms current: once an added document is committed, every open task of its
 * case gets the new {@link CaseSummary#DOCUMENTS} list (new tasks get it from {@link CaseSummary}). It runs in a
 * transaction of its own, after the upload's, so that a task completed at that moment cannot undo the upload;
 * a task that could not be updated keeps its older list until it is reopened as a new task.
 */
@Component
class OpenTaskDocuments {

  private static final Logger LOG = LoggerFactory.getLogger(OpenTaskDocuments.class);

  private final TaskService tasks;
  private final CaseDocuments documents;
  private final BusinessTime time;
  private final TransactionTemplate ownTransaction;

  OpenTaskDocuments(TaskService tasks, CaseDocuments documents, BusinessTime time,
      PlatformTransactionManager transactionManager) {
    this.tasks = tasks;
    this.documents = documents;
    this.time = time;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @TransactionalEventListener
  void documentAdded(DocumentAdded added) {
    try {
      ownTransaction.executeWithoutResult(status -> {
        String links = CaseSummary.documents(documents.list(added.caseId()), time);
        tasks.createTaskQuery().processInstanceBusinessKey(added.caseId()).list()
            .forEach(task -> tasks.setVariableLocal(task.getId(), CaseSummary.DOCUMENTS, links));
      });
    } catch (RuntimeException e) {
      LOG.warn("The document links on the open tasks of case {} were not updated: {}", added.caseId(), e.toString());
    }
  }
}
