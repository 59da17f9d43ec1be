package org.aftersales.system.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database that cannot be reached (restarting, a network cut, a pool that found no live connection in
 * time) from every other failure, by the exception's causes: Connector/J's communications failures are
 * {@link SQLRecoverableException}s or {@link SQLNonTransientConnectionException}s, Hikari's timeout is a
 * {@link SQLTransientConnectionException}, a connection the pool closed says SQL state 08003, a rollback that failed
 * on the dead connection carries the first failure as its application exception; and Spring and Camunda wrap them. Such a request did not change anything
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
      // SQL state class 08: connection exception (Hikari's "Connection is closed" is 08003)
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
        return true;
      }
      if (t.getClass().getName().endsWith("CommunicationsException")) {
        return true;
      }
      // a rollback that failed on the dead connection hides the failure that caused it
      if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
          && isCause(tx.getApplicationException())) {
        return true;
      }
    }
    return false;
  }
}
