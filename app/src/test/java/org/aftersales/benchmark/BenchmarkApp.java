package org.aftersales.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.aftersales.AfterSalesApplication;
import org.aftersales.MariaDb;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * One application under load: the real after-sales application on H2 (its embedded default) or MariaDB (its
 * {@code mysql} profile through Connector/J), at a history level and with one variant of engine and pool settings.
 * Around it only what the benchmark needs: the DataSource counted by {@link SqlCounter}, finished cases reported by
 * {@link Completions}, the no-op delegate and model of the bare flow, and the simulators set so that the benchmark
 * hands in carrier events itself and refunds settle at once. Nothing of the application's own flow is changed.
 */
public final class BenchmarkApp implements AutoCloseable {

  /** Variant {@code before}: what the application shipped before the benchmark (Camunda's job executor defaults). */
  public static final Map<String, String> BEFORE = orderedMap(
      "camunda.bpm.job-execution.core-pool-size", "3",
      "camunda.bpm.job-execution.max-pool-size", "10",
      "camunda.bpm.job-execution.queue-capacity", "3",
      "camunda.bpm.job-execution.max-jobs-per-acquisition", "3",
      "camunda.bpm.job-execution.wait-time-in-millis", "5000",
      "camunda.bpm.generic-properties.properties.jdbc-batch-processing", "true",
      "spring.datasource.hikari.maximum-pool-size", "20");

  /** The mysql profile's administrator on the benchmark's empty databases (demo users are on as well). */
  private static final String ADMIN_PASSWORD = "Bench-Mark-2026!";

  private final ConfigurableApplicationContext context;
  private final String database;
  private final String history;
  private final String variant;
  private final SqlCounter sql;
  private final Completions completions;
  private final DataSource pool;

  private BenchmarkApp(ConfigurableApplicationContext context, String database, String history, String variant,
      SqlCounter sql, Completions completions, DataSource pool) {
    this.context = context;
    this.database = database;
    this.history = history;
    this.variant = variant;
    this.sql = sql;
    this.completions = completions;
    this.pool = pool;
  }

  /**
   * Variant {@code before21}: the cuts of issue 21 that are settings, switched off. The driver's statement cache at
   * Connector/J's defaults (25 statements of at most 256 characters; the URL then does not ask for more), client-side
   * prepared statements and the driver's OpenTelemetry spans (its defaults), batches rewritten into multi-row inserts
   * (as shipped before), Camunda's events published to Spring, history removal times set when a case ends (the
   * engine's default), every API login checked by Camunda; {@link #start}
   * also drops the index on ACT_RU_JOB(DUEDATE_). What is code (feel-engine 1.19.5, the shared outbound threads)
   * stays.
   */
  public static final Map<String, String> BEFORE_21 = orderedMap(
      "aftersales.identity.login.cache-time", "PT0S",
      "spring.datasource.hikari.data-source-properties.prepStmtCacheSize", "25",
      "spring.datasource.hikari.data-source-properties.prepStmtCacheSqlLimit", "256",
      "spring.datasource.hikari.data-source-properties.useServerPrepStmts", "false",
      "spring.datasource.hikari.data-source-properties.rewriteBatchedStatements", "true",
      "camunda.bpm.eventing.execution", "true",
      "camunda.bpm.eventing.task", "true",
      "camunda.bpm.eventing.history", "true",
      "camunda.bpm.generic-properties.properties.history-removal-time-strategy", "end",
      "spring.datasource.hikari.data-source-properties.openTelemetry", "PREFERRED");

  /** Starts the application; a MariaDB database {@code aftersales_bench_<history>_<variant>} is made afresh. */
  public static BenchmarkApp start(String database, String history, String variant, BenchmarkSettings settings) {
    if (database.equals("mariadb")) {
      MariaDb.create(databaseName(history, variant), !(variant.equals("grown") && Benchmark.keepsGrowth()));
      awaitQuietDatabase();
    }
    Map<String, String> properties = properties(database, history, variant, settings);
    SqlCounter sql = new SqlCounter();
    Completions completions = new Completions(Set.of(FullFlow.KEY, BareFlow.KEY));
    DataSource[] original = new DataSource[1];
    List<String> args = new ArrayList<>();
    properties.forEach((k, v) -> args.add("--" + k + "=" + v));
    ConfigurableApplicationContext context = new SpringApplicationBuilder(AfterSalesApplication.class)
        .initializers(c -> {
          c.getBeanFactory().registerSingleton("benchmarkCompletions", completions);
          c.getBeanFactory().registerSingleton("benchmarkNoOp", (JavaDelegate) execution -> { });
          c.getBeanFactory().registerSingleton("benchmarkSimulatorRequests", SimulatorRequests.registration());
          c.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
              if (bean instanceof DataSource dataSource && original[0] == null) {
                original[0] = dataSource;
                return sql.wrap(dataSource);
              }
              return bean;
            }
          });
        })
        .run(args.toArray(String[]::new));
    BenchmarkApp app = new BenchmarkApp(context, database, history, variant, sql, completions, original[0]);
    app.engine().getRepositoryService().createDeployment().name("benchmark-bare-return")
        .addClasspathResource("benchmark/bare-return.bpmn").deploy();
    if (variant.equals("before21")) {
      app.dropJobDueDateIndex();
    }
    return app;
  }

  /**
   * Waits (at most three minutes) until the database server is close to idle: after a run, MariaDB goes on flushing
   * and purging what it wrote, and dropping the last run's database adds to it. A configuration started meanwhile
   * shares the CPU with that work and measured up to a quarter fewer cases per second (2026-12-06).
   */
  static void awaitQuietDatabase() {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
    try {
      while (System.nanoTime() < deadline) {
        long before = CaseLoad.MachineCpu.databaseNanos();
        Thread.sleep(2000);
        long after = CaseLoad.MachineCpu.databaseNanos();
        if (before < 0 || after < 0 || after - before < 2_000_000_000L / 20) {
          return; // no server on this machine, or under 5 % of a core
        }
      }
      org.slf4j.LoggerFactory.getLogger(BenchmarkApp.class).warn("The database server is still busy after 3 minutes");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The application's properties for a run: the benchmark's own, the database's, the variant's. */
  static Map<String, String> properties(String database, String history, String variant, BenchmarkSettings settings) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("server.port", "0");
    properties.put("spring.main.banner-mode", "off");
    properties.put("logging.level.root", "WARN");
    properties.put("logging.level.org.aftersales.benchmark", "INFO");
    properties.put("camunda.bpm.history-level", history);
    // the benchmark hands in the carrier's parcel events itself; refunds settle almost at once and call back
    properties.put("aftersales.simulators.carrier.auto-progress", "false");
    properties.put("aftersales.simulators.payment.settle-delay", "PT0.05S");
    properties.put("aftersales.simulators.payment.callback-backoff", "PT0.2S");
    properties.put("aftersales.simulators.payment.callback-attempts", "20");
    switch (database) {
      case "h2" -> properties.put("aftersales.data-dir", "./target/benchmark-data/" + UUID.randomUUID());
      case "mariadb" -> {
        String url = MariaDb.url(databaseName(history, variant));
        properties.put("spring.profiles.active", "mysql");
        properties.put("AFTERSALES_DB_URL", variant.equals("before21") ? url.replace(MariaDb.STATEMENT_CACHE, "") : url);
        properties.put("AFTERSALES_DB_USER", MariaDb.USER);
        properties.put("AFTERSALES_DB_PASSWORD", MariaDb.PASSWORD);
        properties.put("AFTERSALES_ADMIN_USER", "benchadmin");
        properties.put("AFTERSALES_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // the benchmark plays shop, agents and carrier with the demo users, and uses the simulators, on MariaDB too
        properties.put("aftersales.identity.demo-users", "true");
        properties.put("camunda.bpm.generic-properties.properties.enable-password-policy", "false");
        properties.put("aftersales.integration.user", "shop");
        properties.put("aftersales.integration.password", "shop");
        properties.put("aftersales.simulators.mail.enabled", "true");
        properties.put("aftersales.simulators.carrier.enabled", "true");
        properties.put("aftersales.simulators.payment.enabled", "true");
        properties.put("spring.mail.host", "${aftersales.simulators.mail.host}");
        properties.put("spring.mail.port", "${aftersales.simulators.mail.port}");
        properties.put("spring.mail.properties.mail.smtp.starttls.enable", "false");
        properties.put("server.address", "127.0.0.1");
      }
      default -> throw new IllegalArgumentException("Unknown database " + database);
    }
    switch (variant) {
      case "shipped", "grown" -> { }
      case "before" -> properties.putAll(BEFORE);
      case "before21" -> properties.putAll(BEFORE_21);
      case "custom" -> properties.putAll(settings.custom());
      default -> throw new IllegalArgumentException("Unknown settings variant " + variant);
    }

    return properties;
  }

  static String databaseName(String history, String variant) {
    return "aftersales_bench_" + history + "_" + variant;
  }

  public ProcessEngine engine() {
    return context.getBean(ProcessEngine.class);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  public SqlCounter sql() {
    return sql;
  }

  public Completions completions() {
    return completions;
  }

  /** The application's connection pool itself, not counted (the raw commit loop). */
  public DataSource pool() {
    return pool;
  }

  public String database() {
    return database;
  }

  public String history() {
    return history;
  }

  public String variant() {
    return variant;
  }

  /** Threads that may run engine transactions at once besides the load's own: the job executor's most threads. */
  public int jobThreads() {
    return context.getBean("camundaTaskExecutor", ThreadPoolTaskExecutor.class).getMaxPoolSize();
  }

  public int poolSize() {
    return pool instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : -1;
  }

  /** The settings in effect, as the report prints them. */
  public String effectiveSettings() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine().getProcessEngineConfiguration();
    JobExecutor jobs = configuration.getJobExecutor();
    ThreadPoolTaskExecutor threads = context.getBean("camundaTaskExecutor", ThreadPoolTaskExecutor.class);
    return "job executor core/max/queue " + threads.getCorePoolSize() + "/" + threads.getMaxPoolSize() + "/"
        + threads.getQueueCapacity() + ", jobs per acquisition " + jobs.getMaxJobsPerAcquisition() + ", wait "
        + jobs.getWaitTimeInMillis() + " ms, jdbc batch " + configuration.isJdbcBatchProcessing() + ", pool "
        + poolSize() + ", history " + configuration.getHistory();
  }

  /** Variant {@code before21}: ACT_RU_JOB without our index on DUEDATE_, as before issue 21. */
  void dropJobDueDateIndex() {
    try (Connection connection = pool.getConnection(); java.sql.Statement statement = connection.createStatement()) {
      statement.execute(database.equals("h2") ? "DROP INDEX AS_IDX_JOB_DUEDATE"
          : "DROP INDEX AS_IDX_JOB_DUEDATE ON ACT_RU_JOB");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot drop the index on ACT_RU_JOB(DUEDATE_): " + e.getMessage(), e);
    }
  }

  /** The database product and version, as the driver reports it. */
  public String databaseVersion() {
    try (Connection connection = pool.getConnection()) {
      return connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion()
          + " (" + connection.getMetaData().getDriverName() + " " + connection.getMetaData().getDriverVersion() + ")";
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the database version", e);
    }
  }

  @Override
  public void close() {
    context.close();
  }

  private static Map<String, String> orderedMap(String... keyValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
