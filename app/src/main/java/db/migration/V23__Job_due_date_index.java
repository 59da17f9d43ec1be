package db.migration;

import org.aftersales.system.JobDueDateIndex;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The index on the engine's {@code ACT_RU_JOB(DUEDATE_)} ({@link JobDueDateIndex}) on a database that has the
 * engine's tables already; on an empty one the engine creates them after Flyway has run, and the start-up check of
 * {@link JobDueDateIndex} makes the index then. A Java migration because MySQL has no {@code CREATE INDEX IF NOT
 * EXISTS} and the table may not be there.
 */
public class V23__Job_due_date_index extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    JobDueDateIndex.ensure(context.getConnection());
  }
}
