package org.aftersales.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.aftersales.cases.InboundEventLog.Effect;
import org.aftersales.returns.ReturnFlowDriver;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 21: a refund job and the provider's callback for the same refund deadlocked. The job's transaction starts
 * with the stage listener of {@code Task_RequestRefund} writing the case row, and locks the refund row last
 * ({@link PaymentBook#settle}); the callback locked the refund row first and then wrote the case row (the refunded
 * amount). Now every settlement locks the case row before the refund row, so the callback queues behind the job and
 * finds the refund settled. The two transactions run on two threads, stepped by the database's own lock waits
 * (the callback is let on only once H2 reports it blocked by the job), so the interleaving that deadlocked is the
 * one that runs every time.
 */
@AfterSalesIntegrationTest
class RefundLockOrderTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired CaseRepository cases;
  @Autowired RefundLedger ledger;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private String caseId;
  private String refundId;
  private final BigDecimal amount = new BigDecimal("1.00");

  @BeforeEach
  void aCaseWithAPendingRefund() {
    caseId = new ReturnFlowDriver(port, engine).open(Map.of());
    CaseRecord c = cases.find(caseId).orElseThrow();
    refundId = caseId + "-R1";
    ledger.reserve(caseId, refundId, amount, c.currency(), c.paidAmount());
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void aCallbackDuringTheRefundJobWaitsForTheJobAndFindsTheRefundPaid() throws Exception {
    BigDecimal refundedBefore = cases.find(caseId).orElseThrow().refundedAmount();
    AtomicReference<Integer> jobSession = new AtomicReference<>();
    AtomicReference<Integer> callbackSession = new AtomicReference<>();
    CountDownLatch caseWritten = new CountDownLatch(1);

    // the job: the stage listener writes the case, the provider answers paid, the ledger settles the refund
    Future<Effect> job = threads.submit(() -> new TransactionTemplate(transactions).execute(status -> {
      jobSession.set(session());
      cases.updateStage(caseId, "Refund being paid", null);
      caseWritten.countDown();
      await().atMost(PATIENCE).until(() -> blockedBy(callbackSession.get(), jobSession.get()));
      return ledger.settle(refundId, PaymentStatus.SUCCEEDED, "P-" + refundId, null, null, null);
    }));
    // the callback: the provider's result for the same refund, while the job runs
    Future<Effect> callback = threads.submit(() -> {
      assertThat(caseWritten.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      return new TransactionTemplate(transactions).execute(status -> {
        callbackSession.set(session());
        return ledger.settle(refundId, PaymentStatus.SUCCEEDED, "P-" + refundId, null, amount,
            cases.find(caseId).orElseThrow().currency());
      });
    });

    assertThat(job.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the job settles the refund").isEqualTo(Effect.APPLIED);
    assertThat(callback.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the callback finds it settled")
        .isEqualTo(Effect.ALREADY_APPLIED);
    assertThat(cases.find(caseId).orElseThrow().refundedAmount()).as("paid once")
        .isEqualByComparingTo(refundedBefore.add(amount));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM as_case_event WHERE case_id = ? AND code = 'REFUND_PAID'",
        Integer.class, caseId)).isEqualTo(1);
  }

  private Integer session() {
    return jdbc.queryForObject("SELECT SESSION_ID()", Integer.class);
  }

  /** Whether H2 reports {@code waiting} waiting for a lock {@code holder} holds. */
  private boolean blockedBy(Integer waiting, Integer holder) {
    return waiting != null && jdbc.queryForList("SELECT BLOCKER_ID FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = ?",
        Integer.class, waiting).contains(holder);
  }
}
