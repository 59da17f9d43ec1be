package org.aftersales.metrics;

import java.util.Optional;
import java.util.function.Supplier;
import org.aftersales.cases.CaseRecord;
import org.aftersales.cases.CaseRepository;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the metrics read besides the business work: after the business transaction committed, or when Prometheus
 * scrapes. Each read runs in a transaction of its own and as the system, not as the Camunda user the thread may
 * be working for (whose authorizations would hide history and tasks from it), and never fails its caller: a
 * failure is logged and yields nothing, since a metric must not undo or break what it counts.
 */
@Component
class SystemReads {

  private static final Logger LOG = LoggerFactory.getLogger(SystemReads.class);

  private final TransactionTemplate newTransaction;
  private final IdentityService identity;
  private final CaseRepository cases;

  SystemReads(PlatformTransactionManager transactions, IdentityService identity, CaseRepository cases) {
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.identity = identity;
    this.cases = cases;
  }

  /** What {@code read} gives, or nothing if it failed ({@code what} names it in the log). */
  <T> Optional<T> read(String what, Supplier<T> read) {
    Authentication user = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return Optional.ofNullable(newTransaction.execute(status -> read.get()));
    } catch (RuntimeException e) {
      LOG.warn("Metrics: could not read {}: {}", what, e.toString());
      return Optional.empty();
    } finally {
      if (user != null) {
        identity.setAuthentication(user);
      }
    }
  }

  /** The case as committed. */
  Optional<CaseRecord> caseRecord(String caseId) {
    return read("case " + caseId, () -> committed(caseId).orElse(null));
  }

  /** The case, within a {@link #read} already running. */
  Optional<CaseRecord> committed(String caseId) {
    return cases.find(caseId);
  }
}
