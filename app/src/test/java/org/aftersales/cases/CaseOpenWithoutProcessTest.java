package org.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.cases.documents.CaseDocuments;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.system.BusinessTime;
import org.aftersales.system.web.UnprocessableException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A case whose process is not deployed (issue 21: the engine is no longer asked before every case whether it is):
 * the shop gets 422 with the reason, and the case record written before the start is rolled back with it. The engine
 * that finds nothing to start is stood in for; the record, its store and the transaction are the application's.
 */
@AfterSalesIntegrationTest
class CaseOpenWithoutProcessTest {

  @Autowired CaseRepository cases;
  @Autowired ComplaintRecords complaints;
  @Autowired CaseRequestValidator validator;
  @Autowired Clock clock;
  @Autowired ApplicationEventPublisher events;
  @Autowired CaseDocuments documents;
  @Autowired PayoutLimits payouts;
  @Autowired CaseTexts texts;
  @Autowired BusinessTime time;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void aCaseWhoseProcessIsNotDeployedIsRefusedAndLeavesNoRecord() throws Exception {
    String customer = "C-NODEPLOY-" + System.nanoTime();
    CaseService service =
        serviceWhoseStartFails(new NullValueException("no processes deployed with key 'return-request'"), 0);

    assertThatThrownBy(() -> openInATransaction(service, customer))
        .isInstanceOf(UnprocessableException.class)
        .hasMessageContaining("cannot be opened yet").hasMessageContaining("'return-request' is not deployed");
    assertThat(recordsOf(customer)).isZero();
  }

  @Test
  void anotherFailureOfTheStartIsNotMistakenForAMissingProcess() throws Exception {
    String customer = "C-NODEPLOY-" + System.nanoTime();
    NullValueException other = new NullValueException("something else was null");
    CaseService service = serviceWhoseStartFails(other, 1);

    assertThatThrownBy(() -> openInATransaction(service, customer)).isSameAs(other);
    assertThat(recordsOf(customer)).isZero();
  }

  /** The application's case service, with an engine whose start fails and that has this many versions deployed. */
  private CaseService serviceWhoseStartFails(RuntimeException failure, long deployed) {
    RuntimeService runtime = mock(RuntimeService.class);
    when(runtime.startProcessInstanceByKey(anyString(), anyString(), any(Map.class))).thenThrow(failure);
    RepositoryService repository = mock(RepositoryService.class, RETURNS_DEEP_STUBS);
    when(repository.createProcessDefinitionQuery().processDefinitionKey("return-request").count()).thenReturn(deployed);
    return new CaseService(cases, complaints, validator, runtime, repository, clock, events, documents, payouts, texts,
        time);
  }

  private void openInATransaction(CaseService service, String customer) throws Exception {
    OpenCaseRequest request = json.readValue(ReturnFlowDriver.request(Map.of("customerId", customer)),
        OpenCaseRequest.class);
    new TransactionTemplate(transactions).executeWithoutResult(status -> service.open(request, "shop"));
  }

  private long recordsOf(String customer) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM as_case WHERE customer_id = ?", Long.class, customer);
  }
}
