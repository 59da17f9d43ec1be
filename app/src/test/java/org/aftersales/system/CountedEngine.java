package org.aftersales.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.h2.jdbcx.JdbcDataSource;

/**
 * An engine of its own for the issue 21 tests that run the engine's way and ours side by side: on an in-memory H2
 * database, configured as the Spring Boot starter configures ours where it matters to them (UUID ids, full history,
 * removal times set at the start, no job executor), with the given plugins (none: the engine alone). Every statement
 * it sends passes {@code statements}, with its white space made single spaces, once for each statement of a JDBC
 * batch.
 */
public final class CountedEngine {

  private CountedEngine() {}

  /** {@code more} changes the configuration further before the engine is built. */
  public static ProcessEngine build(String name, List<ProcessEnginePlugin> plugins, Consumer<String> statements,
      Consumer<StandaloneInMemProcessEngineConfiguration> more) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    DataSource counted = ProxyDataSourceBuilder.create(h2).afterQuery((execution, queries) -> queries.forEach(q -> {
      String query = q.getQuery().replaceAll("\\s+", " ").trim();
      for (int i = 0; i < Math.max(1, q.getParametersList().size()); i++) {
        statements.accept(query);
      }
    })).build();
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName(name);
    configuration.setDataSource(counted);
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setHistoryRemovalTimeStrategy(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_START);
    configuration.setJobExecutorActivate(false);
    configuration.setIdGenerator(new StrongUuidGenerator());
    configuration.setProcessEnginePlugins(new ArrayList<>(plugins));
    more.accept(configuration);
    return configuration.buildProcessEngine();
  }

  public static ProcessEngine build(String name, List<ProcessEnginePlugin> plugins, Consumer<String> statements) {
    return build(name, plugins, statements, configuration -> { });
  }

  /** Counts into {@code count} the statements that {@code which} accepts. */
  public static Consumer<String> counting(AtomicInteger count, Predicate<String> which) {
    return statement -> {
      if (which.test(statement)) {
        count.incrementAndGet();
      }
    };
  }
}
