package org.aftersales.payment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.aftersales.system.security.Role;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records where a payment callback or our ledger disagreed with the provider's own record, and raises it for
 * finance as a task for group finance in Tasklist ("Payment discrepancy: ..."), which stays whatever the case does
 * next. Both in their own transaction, so that they stay when the callback itself is refused.
 */
@Service
public class PaymentDiscrepancies {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentDiscrepancies.class);

  /** What disagreed. */
  public enum Kind {
    /** A callback said something the provider's record does not say: nothing was changed. */
    CALLBACK_CONTRADICTS_PROVIDER,
    /** We had recorded a failure, the provider paid after all: our ledger now says paid. */
    PAID_AFTER_RECORDED_FAILURE,
    /** Our ledger says paid, the provider says it did not pay: nothing was changed. */
    LEDGER_CONTRADICTS_PROVIDER,
    /** The scheduled reconciliation found a difference between our ledger and the provider's book. */
    RECONCILIATION_DIFFERENCE
  }

  /** One disagreement as recorded. */
  public record Discrepancy(String discrepancyId, Kind kind, String paymentId, String caseId, String reportedStatus,
      String providerStatus, String detail, Instant detectedAt) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate newTransaction;
  private final TaskService tasks;
  private final Clock clock;

  public PaymentDiscrepancies(JdbcTemplate jdbc, PlatformTransactionManager transactions, TaskService tasks,
      Clock clock) {
    this.jdbc = jdbc;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.tasks = tasks;
    this.clock = clock;
  }

  /** Records the disagreement and raises it for finance, in a transaction of its own. */
  public void raise(Kind kind, String paymentId, String caseId, PaymentStatus reported, PaymentStatus provider,
      String detail) {
    newTransaction.executeWithoutResult(status -> {
      String id = "PD-" + UUID.randomUUID();
      jdbc.update("INSERT INTO as_payment_discrepancy (discrepancy_id, kind, payment_id, case_id, reported_status, "
              + "provider_status, detail, detected_at) VALUES (?,?,?,?,?,?,?,?)", id, kind.name(), paymentId, caseId,
          reported == null ? null : reported.name(), provider == null ? null : provider.name(), cut(detail),
          Timestamp.from(clock.instant()));
      String message = kind + " " + paymentId + (caseId == null ? "" : " (case " + caseId + ")") + ": " + detail;
      Task task = tasks.newTask();
      task.setName("Payment discrepancy: check " + paymentId + " with the provider");
      task.setDescription(cut(message));
      task.setPriority(80);
      tasks.saveTask(task);
      tasks.addCandidateGroup(task.getId(), Role.FINANCE.groupId());
      LOG.warn("Payment discrepancy raised for finance: {}", message);
    });
  }

  public List<Discrepancy> all(Instant from, Instant to) {
    return jdbc.query("SELECT * FROM as_payment_discrepancy WHERE detected_at >= ? AND detected_at < ? "
            + "ORDER BY detected_at", this::row, Timestamp.from(from), Timestamp.from(to));
  }

  private Discrepancy row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Discrepancy(rs.getString("discrepancy_id"), Kind.valueOf(rs.getString("kind")),
        rs.getString("payment_id"), rs.getString("case_id"), rs.getString("reported_status"),
        rs.getString("provider_status"), rs.getString("detail"), rs.getTimestamp("detected_at").toInstant());
  }

  public List<Discrepancy> ofPayment(String paymentId) {
    return jdbc.query("SELECT * FROM as_payment_discrepancy WHERE payment_id = ? ORDER BY detected_at", this::row,
        paymentId);
  }

  private static String cut(String text) {
    return text.length() <= 500 ? text : text.substring(0, 497) + "...";
  }
}
