package org.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.returns.ReturnFlowDriver;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 21: a flow step reads its case in several delegates and listeners, and each read was two statements. Within
 * one transaction {@link CaseRepository#find} now reads a case once; a new stage is kept with that copy, another
 * change through the repository, or a read for update, reads it again; outside a transaction, and in a transaction of its own started inside one, every
 * read is fresh. A row changed behind the repository's back (here by plain SQL) shows that the copy is kept.
 */
@AfterSalesIntegrationTest
class CaseReadsInATransactionTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired CaseRepository cases;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  String caseId;

  @BeforeEach
  void openACase() {
    caseId = new ReturnFlowDriver(port, engine).open(Map.of());
  }

  @Test
  void aCaseIsReadOnceInATransactionAndAgainAfterTheRepositoryChangedIt() {
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      String stage = cases.find(caseId).orElseThrow().stage();
      behindTheRepository("changed by plain SQL");
      assertThat(cases.find(caseId).orElseThrow().stage()).as("kept for the transaction").isEqualTo(stage);

      String description = cases.find(caseId).orElseThrow().description();
      jdbc.update("UPDATE as_case SET description = ? WHERE case_id = ?", "described behind its back", caseId);
      Instant due = Instant.parse("2026-12-24T10:00:00Z");
      cases.updateStage(caseId, "changed by the repository", due);
      CaseRecord moved = cases.find(caseId).orElseThrow();
      assertThat(moved.stage()).isEqualTo("changed by the repository");
      assertThat(moved.dueAt()).isEqualTo(due);
      assertThat(moved.description()).as("a new stage is kept with the copy, not read again").isEqualTo(description);

      behindTheRepository("changed by plain SQL again");
      assertThat(cases.findForUpdate(caseId).orElseThrow().stage()).isEqualTo("changed by plain SQL again");
      behindTheRepository("and once more");
      assertThat(cases.find(caseId).orElseThrow().stage()).as("read again after the read for update")
          .isEqualTo("and once more");
      status.setRollbackOnly();
    });
  }

  @Test
  void outsideATransactionAndInANewOneEveryReadIsFresh() {
    cases.find(caseId).orElseThrow();
    behindTheRepository("outside");
    assertThat(cases.find(caseId).orElseThrow().stage()).isEqualTo("outside");

    TransactionTemplate inner = new TransactionTemplate(transactions);
    inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      assertThat(cases.find(caseId).orElseThrow().stage()).isEqualTo("outside");
      String seenInside = inner.execute(innerStatus -> {
        jdbc.update("UPDATE as_case SET stage = ? WHERE case_id = ?", "inner", caseId);
        return cases.find(caseId).orElseThrow().stage();
      });
      assertThat(seenInside).as("the inner transaction reads for itself").isEqualTo("inner");
      assertThat(cases.find(caseId).orElseThrow().stage()).as("the outer one keeps its copy").isEqualTo("outside");
    });
    assertThat(cases.find(caseId).orElseThrow().stage()).isEqualTo("inner");
  }

  private void behindTheRepository(String stage) {
    jdbc.update("UPDATE as_case SET stage = ? WHERE case_id = ?", stage, caseId);
  }
}
