package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersales.AfterSalesApplication;
import org.aftersales.Isolated;
import org.aftersales.MariaDb;
import org.aftersales.TcpProxy;
import org.aftersales.TestHttp;
import org.aftersales.system.web.DatabaseUnavailable;
import org.aftersales.returns.ReturnFlowDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The database restarts under load, and the application rides it out without a restart of its own. The real MariaDB
 * is not touched: the application reaches it through a TCP proxy ({@link TcpProxy}), which the test cuts (every
 * connection closed, new ones refused for 10 s, as while a server restarts) and restores. Cases keep coming in the
 * whole time, with an {@code Idempotency-Key} each. Checked: answers during the outage are 2xx or a 503
 * problem+json with Retry-After, never a 500; the application answers again by itself; every case acknowledged
 * with 201 exists and reaches its end; a request answered 503 and sent again with its key is taken (once); jobs that
 * failed meanwhile ran again to success, and none is left failed or locked.
 */
@Isolated
@ExtendWith(MariaDb.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageTest {

  static final String DATABASE = "aftersales_cluster_outage";
  static final Duration OUTAGE = Duration.ofSeconds(10);
  static final Duration LOCK_TIME = Duration.ofSeconds(20);
  static final Duration PATIENCE = Duration.ofSeconds(150);
  static final ObjectMapper JSON = new ObjectMapper();

  static TcpProxy database;
  static ConfigurableApplicationContext app;
  static int port;

  @BeforeAll
  static void start() {
    MariaDb.recreate(DATABASE);
    database = TcpProxy.start(Integer.parseInt(MariaDb.PORT));
    int mailPort = TcpProxy.freePort();
    String url = "jdbc:mysql://127.0.0.1:" + database.port() + "/" + DATABASE
        + "?sendFractionalSeconds=false&characterEncoding=UTF-8&connectionTimeZone=UTC";
    app = new SpringApplicationBuilder(AfterSalesApplication.class).profiles("mysql").run(
        "--server.port=0",
        "--AFTERSALES_DB_URL=" + url, "--AFTERSALES_DB_USER=" + MariaDb.USER, "--AFTERSALES_DB_PASSWORD=" + MariaDb.PASSWORD,
        // the demo users and the simulators in this one application, as on the embedded default
        "--aftersales.identity.demo-users=true",
        "--camunda.bpm.generic-properties.properties.enable-password-policy=false",
        "--aftersales.integration.user=shop", "--aftersales.integration.password=shop",
        "--aftersales.simulators.carrier.enabled=true", "--aftersales.simulators.payment.enabled=true",
        "--aftersales.simulators.mail.enabled=true", "--aftersales.simulators.mail.port=" + mailPort,
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mailPort,
        "--spring.mail.properties.mail.smtp.starttls.enable=false",
        "--aftersales.simulators.carrier.step-delay=PT0.5S", "--aftersales.simulators.payment.settle-delay=PT0.5S",
        // the simulators' callbacks ride through the outage: answered 503, they are sent again
        "--aftersales.simulators.carrier.callback-attempts=10", "--aftersales.simulators.payment.callback-attempts=10",
        "--aftersales.simulators.carrier.callback-backoff=PT1S", "--aftersales.simulators.payment.callback-backoff=PT1S",
        // a refund's result that never arrives (its callbacks spent while the database was away, or answered "not
        // waiting yet" while the case's transaction was still held up) is asked of the provider after this wait, as
        // in production after six hours: here soon enough for the case to end within the test
        "--aftersales.returns.refund-result-wait=PT20S",
        // short enough to see retries and expired locks within the test
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME.toMillis(),
        "--camunda.bpm.job-execution.max-wait=2000",
        "--aftersales.returns.job-retry-cycle=R5/PT5S",
        "--camunda.bpm.generic-properties.properties.failed-job-retry-time-cycle=R5/PT5S",
        "--aftersales.notification.sending-lease=PT20S");
    port = ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (database != null) {
      database.close();
    }
  }

  /** A case sent with its key, and what it was answered. */
  record Sent(String key, String body, int status, String caseId) {}

  /** After the restart test (which counts every case in the database), on the application it leaves running. */
  @Test
  @Order(2)
  void aRequestWhoseTransactionCannotBeginIsAnswered503() throws Exception {
    TestHttp http = TestHttp.on(port);
    // the pool's connections were just used (so not checked again when taken), the login is remembered: the first
    // thing the next request does with the database is to begin its transaction, on a connection that is gone
    await().atMost(PATIENCE).until(() -> http.postJson("/api/cases", "shop", request(900)), r -> r.status() == 201);
    database.cut();
    try {
      TestHttp.Response response = http.postJson("/api/cases", "shop", request(901));
      assertThat(response.status()).as("answer: %s %s %s", response.status(), response.headers().map(), response.body())
          .isEqualTo(503);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(read(response.body()).get("detail").asText()).isEqualTo(DatabaseUnavailable.DETAIL);
    } finally {
      database.restore();
    }
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> http.postJson("/api/cases", "shop", request(902)), r -> r.status() == 201);
  }

  @Test
  @Order(1)
  void casesAcknowledgedBeforeDuringAndAfterARestartOfTheDatabaseAllReachTheirEnd() throws Exception {
    TestHttp http = TestHttp.on(port);
    List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger problems503 = new AtomicInteger();
    AtomicBoolean sending = new AtomicBoolean(true);
    ExecutorService load = Executors.newFixedThreadPool(3);
    long loadBegan = System.nanoTime();
    List<Future<?>> senders = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      int thread = t;
      senders.add(load.submit(() -> {
        int i = 0;
        while (sending.get()) {
          String body = request(thread + i++);
          String key = UUID.randomUUID().toString();
          TestHttp.Response response = http.send("POST", "/api/cases", "shop", "application/json", body,
              Map.of("Idempotency-Key", key));
          if (response.status() == 201) {
            sent.add(new Sent(key, body, 201, read(response.body()).get("caseId").asText()));
          } else if (response.status() == 503 && response.contentType().startsWith("application/problem+json")
              && response.headers().firstValue("Retry-After").isPresent()
              && read(response.body()).get("status").asInt() == 503 && !response.body().contains("Exception")) {
            problems503.incrementAndGet();
            sent.add(new Sent(key, body, 503, null));
          } else {
            // with when it came (ms since the load began) and its headers, to tell what answered it
            unexpected.add(response.status() + " " + response.contentType() + " " + response.body() + " at "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadBegan) + " ms, headers "
                + response.headers().map());
          }
          sleep(Duration.ofMillis(150));
        }
      }));
    }

    // load before the outage, then the database "restarts": every connection dropped, none taken for 10 s
    await().atMost(PATIENCE).until(() -> acknowledged(sent) >= 15);
    int beforeCut = acknowledged(sent);
    // the jobs due or running when the database goes (read past the proxy): each must still run to success. The cut
    // comes at a moment when there are some (the application may have worked off every job at a given instant)
    List<String> dueAtTheCut = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10))
        .until(() -> ids("SELECT ID_ FROM ACT_RU_JOB WHERE TYPE_ <> 'timer' "
            + "AND (LOCK_OWNER_ IS NOT NULL OR DUEDATE_ IS NULL OR DUEDATE_ <= NOW(3))"), due -> !due.isEmpty());
    database.cut();
    long cutAt = System.nanoTime();
    System.out.printf("DatabaseOutageTest: the database cut off %d ms after the load began%n",
        TimeUnit.NANOSECONDS.toMillis(cutAt - loadBegan));
    // while it is down, the engine REST API and a read say so clearly too
    sleep(Duration.ofSeconds(2));
    TestHttp.Response engineRest = http.get("/engine-rest/task?maxResults=5", "agent");
    TestHttp.Response caseRead = http.get("/api/cases?customerId=C-nobody", "shop");
    sleep(OUTAGE.minus(Duration.ofNanos(System.nanoTime() - cutAt)));
    database.restore();
    long restoredAt = System.nanoTime();
    int during = acknowledged(sent) - beforeCut;

    // the application answers again without a restart
    TestHttp.Response probe = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> http.postJson("/api/cases", "shop", request(0)), r -> r.status() == 201);
    long answeredAgainAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoredAt);
    sleep(Duration.ofSeconds(3));
    sending.set(false);
    for (Future<?> sender : senders) {
      sender.get(2, TimeUnit.MINUTES);
    }
    load.shutdown();
    System.out.printf("DatabaseOutageTest: %d cases acknowledged before the cut, %d while the database was cut off "
        + "for %d s, %d answered 503; answering again %d ms after the restore; %d answers in all%n", beforeCut, during,
        OUTAGE.toSeconds(), problems503.get(), answeredAgainAfter, sent.size());

    assertThat(unexpected).as("answers other than 201 or a 503 problem").isEmpty();
    assertThat(problems503.get()).as("requests during the outage were told to try again").isPositive();
    assertThat(engineRest.status()).as(engineRest.body()).isIn(200, 503);
    assertThat(caseRead.status()).as(caseRead.body()).isIn(200, 503);
    for (TestHttp.Response during503 : List.of(engineRest, caseRead)) {
      if (during503.status() == 503) {
        assertThat(during503.contentType()).startsWith("application/problem+json");
        assertThat(during503.body()).doesNotContain("Exception").contains("Send the same request again");
      }
    }

    // what was answered 503 is sent again with the same key: taken once (or answered as first taken)
    Set<String> caseIds = ConcurrentHashMap.newKeySet();
    caseIds.add(read(probe.body()).get("caseId").asText());
    for (Sent s : sent) {
      if (s.status() == 201) {
        caseIds.add(s.caseId());
      } else {
        TestHttp.Response again = http.send("POST", "/api/cases", "shop", "application/json", s.body(),
            Map.of("Idempotency-Key", s.key()));
        assertThat(again.status()).as(again.body()).isIn(200, 201);
        caseIds.add(read(again.body()).get("caseId").asText());
      }
    }

    // every case reaches its end: the return cases' tasks are worked, the rest runs by itself
    await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
      workTasks(http);
      return count("SELECT COUNT(*) FROM as_case WHERE status <> 'CLOSED'") == 0;
    });
    assertThat(count("SELECT COUNT(*) FROM as_case")).as("cases, none twice").isEqualTo(caseIds.size());
    for (String caseId : caseIds) {
      JsonNode view = read(http.get("/api/cases/" + caseId, "shop").body());
      assertThat(view.get("status").asText()).isEqualTo("CLOSED");
      assertThat(view.get("outcome").asText()).as(caseId).isIn("REFUNDED", "RESHIPPED");
    }
    // one paid refund per refunded case, in our book as at the provider
    assertThat(count("SELECT COUNT(*) FROM (SELECT case_id FROM as_refund WHERE status = 'SUCCEEDED' "
        + "GROUP BY case_id HAVING COUNT(*) > 1) twice")).isZero();

    // jobs that failed during the outage ran again to success; none is left failed, with an incident or locked
    await().atMost(PATIENCE).until(() -> count("SELECT COUNT(*) FROM ACT_RU_JOB "
        + "WHERE PROCESS_DEF_KEY_ <> 'follow-up-visit' OR PROCESS_DEF_KEY_ IS NULL OR TYPE_ <> 'timer'") == 0);
    long failedJobs = count("SELECT COUNT(DISTINCT JOB_ID_) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 1");
    assertThat(count("SELECT COUNT(DISTINCT f.JOB_ID_) FROM ACT_HI_JOB_LOG f WHERE f.JOB_STATE_ = 1 AND NOT EXISTS "
        + "(SELECT 1 FROM ACT_HI_JOB_LOG s WHERE s.JOB_ID_ = f.JOB_ID_ AND s.JOB_STATE_ = 2)"))
        .as("failed jobs never run to success").isZero();
    assertThat(count("SELECT COUNT(*) FROM ACT_RU_INCIDENT")).isZero();
    assertThat(dueAtTheCut).as("jobs were due or running when the database went").isNotEmpty();
    for (String jobId : dueAtTheCut) {
      assertThat(count("SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 AND JOB_ID_ = '" + jobId + "'"))
          .as("job " + jobId + ", due at the cut, ran to success").isOne();
    }
    await().atMost(LOCK_TIME.plusSeconds(30)).until(() -> count("SELECT COUNT(*) FROM ACT_RU_JOB "
        + "WHERE LOCK_OWNER_ IS NOT NULL OR EXCEPTION_MSG_ IS NOT NULL") == 0);
    System.out.printf("DatabaseOutageTest: %d cases closed; %d jobs due or running at the cut, each run to success "
        + "afterwards; %d job failures recorded, each run again to success; %d follow-up timers left%n", caseIds.size(),
        dueAtTheCut.size(), failedJobs, count("SELECT COUNT(*) FROM ACT_RU_JOB"));
  }

  /** Refunds and re-shipments of lost parcels (no person needed), and returns that agents and inspectors work. */
  static String request(int i) {
    return switch (i % 3) {
      case 0 -> ReturnFlowDriver.request(Map.of("type", "REFUND_ONLY", "reason", "LOST",
          "description", "The parcel never arrived", "paidAmount", "199.00",
          "items", List.of(Map.of("sku", "CASE-01", "name", "Phone case", "quantity", 1, "unitPrice", "199.00"))));
      case 1 -> ReturnFlowDriver.request(Map.of("type", "RESHIP", "reason", "LOST",
          "description", "The parcel never arrived", "paidAmount", "99.00",
          "items", List.of(Map.of("sku", "MUG-01", "name", "Mug", "quantity", 1, "unitPrice", "99.00"))));
      default -> ReturnFlowDriver.request(Map.of());
    };
  }

  /** Completes the open review and inspection tasks as agents and inspectors do in Tasklist. */
  static void workTasks(TestHttp http) {
    TestHttp.Response tasks = http.get("/engine-rest/task?maxResults=200", "admin");
    assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
    for (JsonNode task : read(tasks.body())) {
      String key = task.get("taskDefinitionKey").asText();
      String user = key.equals("Task_InspectGoods") ? "inspector" : "agent";
      String variables = key.equals("Task_InspectGoods")
          ? "{\"inspectionPassed\":{\"value\":true},\"inspectionCondition\":{\"value\":\"NEW\"}}"
          : "{\"reviewDecision\":{\"value\":\"APPROVE\"}}";
      assertThat(key).isIn("Task_ReviewRequest", "Task_InspectGoods");
      TestHttp.Response done = http.postJson("/engine-rest/task/" + task.get("id").asText() + "/complete", user,
          "{\"variables\":" + variables + "}");
      assertThat(done.status()).as(done.body()).isIn(204, 404);
    }
  }

  static int acknowledged(List<Sent> sent) {
    synchronized (sent) {
      return (int) sent.stream().filter(s -> s.status() == 201).count();
    }
  }

  static long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(MariaDb.url(DATABASE), MariaDb.USER, MariaDb.PASSWORD);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static List<String> ids(String sql) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(MariaDb.url(DATABASE), MariaDb.USER, MariaDb.PASSWORD);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(body, e);
    }
  }

  static void sleep(Duration duration) {
    if (duration.isNegative()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
