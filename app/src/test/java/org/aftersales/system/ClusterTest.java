package org.aftersales.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.aftersales.ChildApplication;
import org.aftersales.Isolated;
import org.aftersales.MariaDb;
import org.aftersales.TcpProxy;
import org.aftersales.TestHttp;
import org.aftersales.returns.ReturnFlowDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two application nodes (child JVMs, profile mysql) on one MariaDB database, as docs/production.md, "Running as a cluster"
 * describes, one of them killed with SIGKILL while it holds jobs. Cases of every type are opened on both nodes, their
 * people's tasks completed through either node's engine REST API, parcels and refunds moved by the simulators, whose
 * results come back through the API. Afterwards every case is where it should be, every job ran (those the dead node
 * held too, by the other node once their lock ran out), no refund was paid twice, and nothing is left locked.
 *
 * <p>Where the simulators live: the carrier and payment simulators keep their books in memory, in the application
 * that serves them. If each node used its own, a refund asked of the killed node's simulator would vanish with it,
 * and a status check by the other node would find nothing: not what a real provider does. So a third child JVM, the
 * same application on its own embedded database with its job executor off, plays the outside world (carrier,
 * payment provider, mail server) for both nodes, and it is not killed. It calls back through a small load balancer
 * in this test ({@link TcpProxy}: round robin, a node that refuses connections is skipped), as a provider calls the
 * cluster's public address.
 */
@Isolated
@ExtendWith(MariaDb.class)
class ClusterTest {

  static final String DATABASE = "aftersales_cluster_test";
  static final String ADMIN = "clusterops";
  static final String PASSWORD = "Nodes&Jobs-2026q";
  static final int CASES = Integer.getInteger("aftersales.cluster-test.cases", 204);
  static final Duration LOCK_TIME = Duration.ofSeconds(15);
  static final Duration PATIENCE = Duration.ofSeconds(240);
  static final ObjectMapper JSON = new ObjectMapper();

  /** What a case is opened as, and how it must end. */
  enum Kind {
    RETURN("REFUNDED", "2999.00"), REFUND_ONLY("REFUNDED", "199.00"), EXCHANGE("RESHIPPED", "0.00"),
    REPAIR("REPAIRED", "0.00"), COMPLAINT("DISMISSED", "0.00"), RESHIP("RESHIPPED", "0.00");

    final String outcome;
    final BigDecimal refund;

    Kind(String outcome, String refund) {
      this.outcome = outcome;
      this.refund = new BigDecimal(refund);
    }
  }

  static ChildApplication simulators;
  static ChildApplication nodeA;
  static ChildApplication nodeB;
  static TcpProxy loadBalancer;

  @BeforeAll
  static void startTheCluster() {
    MariaDb.recreate(DATABASE);
    int simulatorPort = TcpProxy.freePort();
    int mailPort = TcpProxy.freePort();
    int portA = TcpProxy.freePort();
    int portB = TcpProxy.freePort();
    loadBalancer = TcpProxy.start(portA, portB);
    String publicUrl = "http://127.0.0.1:" + loadBalancer.port();

    simulators = ChildApplication.start("cluster-simulators", simulatorPort, List.of(
        "--aftersales.data-dir=./target/test-data/cluster-simulators-" + System.nanoTime(),
        "--camunda.bpm.job-execution.enabled=false",
        "--aftersales.simulators.mail.port=" + mailPort,
        "--aftersales.simulators.carrier.step-delay=PT0.5S",
        "--aftersales.simulators.payment.settle-delay=PT0.5S",
        "--aftersales.simulators.carrier.callback-url=" + publicUrl + "/api/events/parcels",
        "--aftersales.simulators.payment.callback-url=" + publicUrl + "/api/events/payments",
        "--aftersales.simulators.carrier.callback-attempts=12",
        "--aftersales.simulators.payment.callback-attempts=12",
        "--aftersales.simulators.carrier.callback-backoff=PT0.5S",
        "--aftersales.simulators.payment.callback-backoff=PT0.5S",
        // the simulators are called as the shop integration the nodes know, and call the nodes back as the carrier
        // and payment provider parties recorded there (createUsers), signed with those parties' secrets
        "--aftersales.integration.user=shop", "--aftersales.integration.password=" + PASSWORD,
        "--aftersales.simulators.carrier.callback-password=" + PASSWORD,
        "--aftersales.simulators.payment.callback-password=" + PASSWORD));
    // the first node alone on the empty database: schema, models, first administrator (README)
    nodeA = ChildApplication.start("cluster-node-a", portA, nodeArguments("node-a", simulatorPort, mailPort));
    nodeA.awaitReady(Duration.ofSeconds(240));
    nodeB = ChildApplication.start("cluster-node-b", portB, nodeArguments("node-b", simulatorPort, mailPort));
    simulators.awaitReady(Duration.ofSeconds(240));
    nodeB.awaitReady(Duration.ofSeconds(240));
    createUsers(TestHttp.on(portA));
  }

  static List<String> nodeArguments(String nodeId, int simulatorPort, int mailPort) {
    String simulatorUrl = "http://127.0.0.1:" + simulatorPort;
    return List.of("--spring.profiles.active=mysql",
        "--AFTERSALES_DB_URL=" + MariaDb.url(DATABASE), "--AFTERSALES_DB_USER=" + MariaDb.USER,
        "--AFTERSALES_DB_PASSWORD=" + MariaDb.PASSWORD,
        "--AFTERSALES_ADMIN_USER=" + ADMIN, "--AFTERSALES_ADMIN_PASSWORD=" + PASSWORD,
        "--aftersales.cluster.node-id=" + nodeId,
        // a short lock time, so that the killed node's jobs are taken over within the test
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME.toMillis(),
        "--camunda.bpm.job-execution.max-wait=2000",
        "--aftersales.carrier.base-url=" + simulatorUrl + "/simulators/carrier",
        "--aftersales.payment.base-url=" + simulatorUrl + "/simulators/payment",
        "--aftersales.carrier.username=shop", "--aftersales.carrier.password=shop",
        "--aftersales.payment.username=shop", "--aftersales.payment.password=shop",
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mailPort,
        "--spring.mail.properties.mail.smtp.starttls.enable=false",
        // limits short enough to pass within the test: the seller's silence and the appeal window of complaints,
        // retries of failed jobs, a notification whose sender died
        "--aftersales.complaints.seller-statement=PT5S", "--aftersales.complaints.appeal-window=PT20S",
        "--aftersales.returns.job-retry-cycle=R5/PT5S", "--aftersales.notification.sending-lease=PT20S",
        "--camunda.bpm.generic-properties.properties.failed-job-retry-time-cycle=R5/PT5S",
        "--logging.level.org.camunda.bpm.engine.jobexecutor=WARN");
  }

  @AfterAll
  static void stopTheCluster() {
    for (AutoCloseable child : new AutoCloseable[] {nodeA, nodeB, simulators, loadBalancer}) {
      try {
        if (child != null) {
          child.close();
        }
      } catch (Exception ignored) {
        // the others still
      }
    }
  }

  @Test
  void casesOfEveryTypeEndWhereTheyShouldWhileANodeIsKilledHoldingJobs() throws Exception {
    TestHttp a = TestHttp.on(nodeA.port());
    TestHttp b = TestHttp.on(nodeB.port());
    long started = System.nanoTime();

    // the webapps' session ids name the node (sticky sessions at the load balancer)
    TestHttp browser = TestHttp.browser(nodeB.port());
    browser.get("/camunda/app/tasklist/default/", null);
    assertThat(browser.cookie("JSESSIONID")).endsWith(".node-b");

    // cases of every type, opened on both nodes
    Map<String, Kind> cases = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> opened = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      Kind kind = Kind.values()[i % Kind.values().length];
      TestHttp node = i % 2 == 0 ? a : b;
      opened.add(pool.submit(() -> {
        TestHttp.Response response = node.postJson("/api/cases", "shop:" + PASSWORD, request(kind));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        cases.put(read(response.body()).get("caseId").asText(), kind);
      }));
    }
    for (Future<?> f : opened) {
      f.get(5, TimeUnit.MINUTES);
    }
    assertThat(cases).hasSize(CASES);
    System.out.printf("ClusterTest: %d cases opened on two nodes in %d s%n", CASES, seconds(started));

    // people work their queues through either node's engine REST; node B is killed while it holds jobs
    AtomicInteger completed = new AtomicInteger();
    Set<String> done = ConcurrentHashMap.newKeySet();
    CompletableFuture<Map.Entry<Long, List<String>>> killer = null;
    while (true) {
      boolean bAlive = nodeB.isAlive();
      List<JsonNode> tasks = openTasks(a);
      List<Future<?>> work = new ArrayList<>();
      int index = 0;
      for (JsonNode task : tasks) {
        if (done.contains(task.get("id").asText())) {
          continue;
        }
        TestHttp node = bAlive && index++ % 2 == 1 ? b : a;
        work.add(pool.submit(() -> {
          if (complete(node, node == b ? a : null, task)) {
            done.add(task.get("id").asText());
            completed.incrementAndGet();
          }
        }));
      }
      for (Future<?> f : work) {
        f.get(2, TimeUnit.MINUTES);
      }
      if (bAlive && completed.get() >= CASES / 3 && killer == null) {
        // node B is killed the moment it is seen holding jobs; people go on working meanwhile, which makes more jobs
        // (waiting here instead would stop the work that makes them, and the jobs in flight may all be done by then)
        killer = CompletableFuture.supplyAsync(() -> {
          List<String> lockedByB = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
              .until(() -> jobsLockedBy("node-b"), held -> held.size() >= 2);
          nodeB.kill();
          long at = System.nanoTime();
          try {
            List<String> held = jobsLockedBy("node-b");
            System.out.printf("ClusterTest: node-b killed (SIGKILL) after %d s, %d tasks completed; it held %d jobs "
                + "then (%d just before)%n", seconds(started), completed.get(), held.size(), lockedByB.size());
            return Map.entry(at, held);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
      }
      if (closedCases(a, cases.keySet()) == cases.size()) {
        break;
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("cases still open: " + stillOpen(a, cases.keySet()))
          .isLessThan(PATIENCE.plusSeconds(120));
      Thread.sleep(tasks.isEmpty() ? 1000 : 200);
    }
    pool.shutdownNow();
    System.out.printf("ClusterTest: all %d cases closed after %d s, %d tasks completed%n", CASES, seconds(started),
        completed.get());
    assertThat(killer).as("enough tasks were completed to kill node-b").isNotNull();
    Map.Entry<Long, List<String>> kill = killer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    long killedAt = kill.getKey();
    List<String> heldByTheKilledNode = kill.getValue();
    assertThat(killedAt).as("node-b was killed while the cases ran").isPositive();
    assertThat(heldByTheKilledNode).as("jobs locked by node-b when it died").isNotEmpty();

    // every case ended as its type should
    Map<String, JsonNode> views = new LinkedHashMap<>();
    for (String caseId : cases.keySet()) {
      TestHttp.Response view = a.get("/api/cases/" + caseId, "shop:" + PASSWORD);
      assertThat(view.status()).isEqualTo(200);
      views.put(caseId, read(view.body()));
    }
    views.forEach((caseId, view) -> {
      Kind kind = cases.get(caseId);
      assertThat(view.get("outcome").asText()).as(caseId + " " + kind).isEqualTo(kind.outcome);
      assertThat(new BigDecimal(view.get("refundedAmount").asText())).as(caseId + " refunded")
          .isEqualByComparingTo(kind.refund);
    });

    // no refund paid twice: the provider's book and ours agree, one paid refund per refunded case
    TestHttp.Response book = TestHttp.on(simulators.port()).get("/simulators/payment/refunds", "shop");
    assertThat(book.status()).isEqualTo(200);
    Map<String, List<JsonNode>> paidByCase = new LinkedHashMap<>();
    for (JsonNode refund : read(book.body())) {
      if ("SUCCEEDED".equals(refund.get("status").asText())) {
        paidByCase.computeIfAbsent(refund.get("caseId").asText(), k -> new ArrayList<>()).add(refund);
      }
    }
    Map<String, List<String>> ourBook = query("SELECT case_id, refund_id, amount, status FROM as_refund",
        rs -> rs.getString(1), rs -> rs.getString(2) + " " + rs.getBigDecimal(3).toPlainString() + " " + rs.getString(4));
    cases.forEach((caseId, kind) -> {
      if (kind.refund.signum() > 0) {
        assertThat(paidByCase.get(caseId)).as("paid at the provider for " + caseId).hasSize(1);
        assertThat(new BigDecimal(paidByCase.get(caseId).get(0).get("amount").asText())).isEqualByComparingTo(kind.refund);
        assertThat(ourBook.get(caseId)).as("our refund book for " + caseId).hasSize(1);
        assertThat(ourBook.get(caseId).get(0)).endsWith(kind.refund.toPlainString() + " SUCCEEDED");
      } else {
        assertThat(paidByCase.get(caseId)).as("nothing paid for " + caseId).isNull();
        assertThat(ourBook.get(caseId)).as("no refund for " + caseId).isNull();
      }
    });
    long refundCases = cases.values().stream().filter(k -> k.refund.signum() > 0).count();
    System.out.printf("ClusterTest: %d refunds paid once each, %d in the provider's book%n", refundCases,
        paidByCase.values().stream().mapToInt(List::size).sum());

    // every job ran: only the follow-up visits' timers (days ahead) are left, none failed, no incident
    await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> count(
        "SELECT COUNT(*) FROM ACT_RU_JOB "
            + "WHERE PROCESS_DEF_KEY_ <> 'follow-up-visit' OR PROCESS_DEF_KEY_ IS NULL OR TYPE_ <> 'timer'") == 0);
    assertThat(count("SELECT COUNT(*) FROM ACT_RU_JOB")).as("follow-up timers, one per closed case")
        .isEqualTo(CASES);
    assertThat(count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE EXCEPTION_MSG_ IS NOT NULL OR RETRIES_ <= 0")).isZero();
    assertThat(count("SELECT COUNT(*) FROM ACT_RU_INCIDENT")).isZero();
    // the jobs the killed node held were run to success by the surviving node once their lock had run out
    for (String jobId : heldByTheKilledNode) {
      assertThat(count("SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_ID_ = '" + jobId
          + "' AND JOB_STATE_ = 2 AND HOSTNAME_ = 'node-a'")).as("job " + jobId + " run by node-a").isOne();
    }
    Map<String, List<String>> byHost = query("SELECT HOSTNAME_, COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 "
        + "GROUP BY HOSTNAME_", rs -> rs.getString(1), rs -> rs.getString(2));
    assertThat(byHost).containsKeys("node-a", "node-b");
    System.out.printf("ClusterTest: jobs run to success by node: %s; %d jobs node-b held when killed, all run by node-a%n",
        byHost, heldByTheKilledNode.size());

    // nothing left locked once the lock time has passed
    await().atMost(LOCK_TIME.plusSeconds(30)).until(() -> count("SELECT COUNT(*) FROM ACT_RU_JOB "
        + "WHERE LOCK_OWNER_ IS NOT NULL OR LOCK_EXP_TIME_ IS NOT NULL") == 0);
    System.out.printf("ClusterTest: finished in %d s%n", seconds(started));
  }

  /** A request body for a case of the kind, with a customer of its own. */
  static String request(Kind kind) {
    String twoMonthsAgo = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMonths(2).withNano(0).toString();
    return switch (kind) {
      case RETURN -> ReturnFlowDriver.request(Map.of());
      case REFUND_ONLY -> ReturnFlowDriver.request(Map.of("type", "REFUND_ONLY", "reason", "LOST",
          "description", "The parcel never arrived", "paidAmount", "199.00",
          "items", List.of(Map.of("sku", "CASE-01", "name", "Phone case", "quantity", 1, "unitPrice", "199.00"))));
      case EXCHANGE -> ReturnFlowDriver.request(Map.of("type", "EXCHANGE", "reason", "DAMAGED",
          "description", "Arrived broken", "evidence", List.of("https://photos.example.com/vase-broken.jpg"),
          "paidAmount", "159.00",
          "items", List.of(Map.of("sku", "VASE-GLASS-30", "name", "Glass vase", "quantity", 1, "unitPrice", "159.00"))));
      case RESHIP -> ReturnFlowDriver.request(Map.of("type", "RESHIP", "reason", "LOST",
          "description", "The parcel never arrived", "paidAmount", "99.00",
          "items", List.of(Map.of("sku", "MUG-01", "name", "Mug", "quantity", 1, "unitPrice", "99.00"))));
      case REPAIR -> ReturnFlowDriver.request(Map.of("type", "REPAIR", "reason", "FAULT", "fault", "SCREEN_FLICKER",
          "faultCause", "QUALITY_DEFECT", "productCategory", "PHONE", "warrantyMonths", 12, "deliveredAt", twoMonthsAgo,
          "description", "The screen flickers", "evidence", List.of("https://photos.example.com/flicker.mp4")));
      case COMPLAINT -> ReturnFlowDriver.request(Map.of("type", "COMPLAINT", "reason", "SERVICE",
          "description", "The seller did not answer for four days", "paidAmount", "399.00",
          "items", List.of(Map.of("sku", "FAN-40", "name", "Standing fan", "quantity", 1, "unitPrice", "399.00")),
          "complaint", Map.of("category", "SERVICE_ATTITUDE", "chatRecord", List.of("https://chat.example.com/log"))));
    };
  }

  /** Every open task, as an administrator sees them. */
  static List<JsonNode> openTasks(TestHttp node) {
    TestHttp.Response response = node.get("/engine-rest/task?maxResults=1000", ADMIN + ":" + PASSWORD);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<JsonNode> tasks = new ArrayList<>();
    read(response.body()).forEach(tasks::add);
    return tasks;
  }

  /**
   * Completes a task as the group's worker would in Tasklist; true if it was completed. A complaint is decided only
   * once the seller's time to answer has passed (400 before: tried again later). On a node that is gone the other
   * one is asked.
   */
  static boolean complete(TestHttp node, TestHttp otherNode, JsonNode task) {
    String key = task.get("taskDefinitionKey").asText();
    String[] workAndVariables = switch (key) {
      case "Task_ReviewRequest" -> new String[] {"agent", "{\"reviewDecision\":{\"value\":\"APPROVE\"}}"};
      case "Task_InspectGoods" -> new String[] {"inspector",
          "{\"inspectionPassed\":{\"value\":true},\"inspectionCondition\":{\"value\":\"NEW\"}}"};
      case "Task_Diagnose" -> new String[] {"technician", "{\"faultFound\":{\"value\":true},"
          + "\"diagnosedCause\":{\"value\":\"QUALITY_DEFECT\"},\"quoteAmount\":{\"value\":0},\"estimatedDays\":{\"value\":3}}"};
      case "Task_Repair" -> new String[] {"technician",
          "{\"partsUsed\":{\"value\":\"SCR-PX-01 SN99887766554\"},\"labourHours\":{\"value\":1}}"};
      case "Task_QualityCheck" -> new String[] {"inspector", "{\"qcPassed\":{\"value\":true}}"};
      case "Task_Investigate" -> new String[] {"complaints", "{\"complaintDecision\":{\"value\":\"DISMISSED\"},"
          + "\"decisionReasons\":{\"value\":\"The seller answered within its limits\"}}"};
      default -> throw new AssertionError("A task the cases should not reach: " + task);
    };
    String path = "/engine-rest/task/" + task.get("id").asText() + "/complete";
    String body = "{\"variables\":" + workAndVariables[1] + "}";
    TestHttp.Response response;
    try {
      response = node.postJson(path, workAndVariables[0] + ":" + PASSWORD, body);
    } catch (UncheckedIOException nodeGone) {
      if (otherNode == null) {
        throw nodeGone;
      }
      response = otherNode.postJson(path, workAndVariables[0] + ":" + PASSWORD, body);
    }
    // the refusal is in the language the request prefers: Chinese without an Accept-Language header (TaskRefusals,
    // texts/refusals_zh.txt)
    if (response.status() == 400 && key.equals("Task_Investigate") && (response.body().contains("seller may still answer")
        || response.body().contains("前答复：请在商家提交说明后或该时间过后再作决定"))) {
      return false;
    }
    if (response.status() == 404 || response.status() == 500 && response.body().contains("Cannot find task")) {
      return true; // completed already by an earlier round whose answer was lost with the node
    }
    assertThat(response.status()).as(key + ": " + response.body()).isEqualTo(204);
    return true;
  }

  static long closedCases(TestHttp node, Set<String> caseIds) throws SQLException {
    return caseIds.isEmpty() ? 0 : count("SELECT COUNT(*) FROM as_case WHERE status = 'CLOSED' AND case_id IN ("
        + caseIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",")) + ")");
  }

  static String stillOpen(TestHttp node, Set<String> caseIds) throws SQLException {
    return String.valueOf(query("SELECT case_id, stage FROM as_case WHERE status <> 'CLOSED'", rs -> rs.getString(1),
        rs -> rs.getString(2)));
  }

  static List<String> jobsLockedBy(String owner) throws SQLException {
    return query("SELECT ID_, LOCK_OWNER_ FROM ACT_RU_JOB WHERE LOCK_OWNER_ = '" + owner + "'", rs -> rs.getString(2),
        rs -> rs.getString(1)).getOrDefault(owner, List.of());
  }

  static long count(String sql) throws SQLException {
    try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  interface Column {
    String read(ResultSet rs) throws SQLException;
  }

  /** The rows of a query grouped by one column. */
  static Map<String, List<String>> query(String sql, Column key, Column value) throws SQLException {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.computeIfAbsent(key.read(rs), k -> new ArrayList<>()).add(value.read(rs));
      }
    }
    return rows;
  }

  static Connection connection() throws SQLException {
    return DriverManager.getConnection(MariaDb.url(DATABASE), MariaDb.USER, MariaDb.PASSWORD);
  }

  static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(body, e);
    }
  }

  static long seconds(long since) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
  }

  /** Creates the workers and the shop integration as an administrator would in Admin (no demo users here). */
  static void createUsers(TestHttp node) {
    Map<String, String> groups = Map.of("shop", "shop-integration", "agent", "agents", "inspector", "inspectors",
        "technician", "technicians", "complaints", "complaint-handlers");
    groups.forEach((user, group) -> {
      TestHttp.Response created = node.postJson("/engine-rest/user/create", ADMIN + ":" + PASSWORD,
          "{\"profile\":{\"id\":\"" + user + "\",\"firstName\":\"" + user + "\",\"lastName\":\"Worker\",\"email\":\""
              + user + "@example.com\"},\"credentials\":{\"password\":\"" + PASSWORD + "\"}}");
      assertThat(created.status()).as(created.body()).isEqualTo(204);
      TestHttp.Response member = node.send("PUT", "/engine-rest/group/" + group + "/members/" + user,
          ADMIN + ":" + PASSWORD, null, null, Map.of());
      assertThat(member.status()).as(member.body()).isEqualTo(204);
    });
    // the carrier and payment provider as parties, with the simulators' (demo) signing secrets
    Map.of("carrier", "CARRIER", "payment", "PAYMENT_PROVIDER").forEach((user, kind) -> {
      TestHttp.Response party = node.postJson("/api/admin/parties", ADMIN + ":" + PASSWORD, "{\"partyId\":\"" + user
          + "\",\"kind\":\"" + kind + "\",\"userId\":\"" + user + "\",\"password\":\"" + PASSWORD
          + "\",\"name\":\"" + user + "\",\"secret\":\"demo-" + user + "-signing-secret-0001\"}");
      assertThat(party.status()).as(party.body()).isEqualTo(201);
    });
  }
}
