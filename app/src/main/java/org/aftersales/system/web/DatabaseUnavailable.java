package org.aftersales.system.web;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that cannot be reached (restarting, a network cut, a pool that found no live connection in
 * time) from every other failure, by the exception's causes: Connector/J's communications failures are
 * {@link SQLRecoverableException}s or {@link SQLNonTransientConnectionException}s, Hikari's timeout is a
 * {@link SQLTransientConnectionException}, and Spring and Camunda wrap them. Such a request did not change anything
 * that was acknowledged, and the same request can simply be sent again.
 */
public final class DatabaseUnavailable {

  /** The detail of the answer: what happened and what to do. */
  public static final String DETAIL = "The database cannot be reached right now; nothing was changed. "
      + "Send the same request again in a few seconds (with the same Idempotency-Key).";

  private DatabaseUnavailable() {}

  /** Whether the exception, or one of its causes, says that the database cannot be reached. */
  public static boolean isCause(Throwable e) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLTransientConnectionException || t instanceof CannotCreateTransactionException
          || t instanceof DataAccessResourceFailureException) {
        return true;
      }
      if (t.getClass().getName().endsWith("CommunicationsException")) {
        return true;
      }
    }
    return false;
  }
}
