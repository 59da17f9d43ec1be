package org.aftersales.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.Isolated;
import org.aftersales.TestHttp;
import org.aftersales.cases.CaseProgress;
import org.aftersales.notification.CustomerNotifier.TimelineNote;
import org.aftersales.notification.simulator.MailSimulator;
import org.aftersales.notification.simulator.ReceivedMail;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.system.PersonalData;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.TestPropertySource;

/**
 * The outbox and its relay against the mail simulator and the application's database, with the relay's background
 * runs off (the settings of the flow tests, so the same application): each test sends by calling the relay.
 */
@AfterSalesIntegrationTest
@Isolated // its own settings make a second engine; Camunda REST would mix them up in one JVM
@TestPropertySource(properties = {
    "camunda.bpm.job-execution.enabled=false",
    "aftersales.notification.relay-background=false",
    "aftersales.simulators.carrier.auto-progress=false",
    "aftersales.simulators.payment.auto-settle=false"})
class NotificationRelayTest {

  static final TimelineNote NOTE = new TimelineNote("NOTIFIED_REFUND_PAID", "We e-mailed you: ", "Notice for you: ");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired CustomerNotifier outbox;
  @Autowired NotificationRelay relay;
  @Autowired NotificationStore store;
  @Autowired MailSimulator simulator;
  @Autowired JavaMailSender mailSender;
  @Autowired CaseProgress progress;
  @Autowired NotificationProperties properties;
  @Autowired Clock clock;
  ReturnFlowDriver flow;
  String caseId;
  String email;
  /** When the failing relay's attempts start: a fixed clock, so that the pauses are exact. */
  Instant base;

  @BeforeEach
  void setUp() {
    flow = new ReturnFlowDriver(port, engine);
    relay.sendPending(); // what earlier tests left
    caseId = flow.open(Map.of());
    email = "li.wei." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  @Test
  void aQueuedNoticeGoesOutWhenTheRelayRunsOnceAndIsThenOnTheTimeline() {
    SentNotification queued = outbox.queue(refundPaid("n-" + caseId, Locale.ENGLISH), NOTE);

    assertThat(queued.sentAt()).isNull();
    assertThat(store.pendingFor(caseId)).extracting(SentNotification::notificationId).containsExactly("n-" + caseId);
    assertThat(simulator.messages(email)).isEmpty();
    assertThat(flow.timeline(caseId)).noneMatch(e -> e.startsWith("We e-mailed you"));

    assertThat(relay.sendPending()).isEqualTo(1);
    assertThat(relay.sendPending()).isZero();

    List<ReceivedMail> mails = simulator.messages(email);
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).subject()).isEqualTo("Your refund of 129.00 CNY has been paid (" + caseId + ")");
    assertThat(mails.get(0).body()).contains("Dear Li Wei,", "129.00 CNY");
    assertThat(store.sentFor(caseId)).singleElement().satisfies(sent -> {
      assertThat(sent.recipient()).isEqualTo(PersonalData.maskEmail(email));
      assertThat(sent.sentAt()).isNotNull();
    });
    assertThat(flow.timeline(caseId)).contains("We e-mailed you: " + mails.get(0).subject());
    assertThat(outbox.queue(refundPaid("n-" + caseId, Locale.ENGLISH), NOTE).duplicate()).isTrue();
    assertThat(relay.sendPending()).isZero();
    assertThat(simulator.messages(email)).hasSize(1);
  }

  @Test
  void aCustomerWithoutEmailIsRecordedAtOnceWithChannelNoneAndNothingIsSent() {
    SentNotification sent = outbox.queue(new CustomerNotification("n-" + caseId, caseId, "Li Wei", null,
        "+86 138 1234 5678", NotificationType.CASE_CLOSED, Locale.ENGLISH, Map.of()), NOTE);

    assertThat(sent.channel()).isEqualTo(SentNotification.NONE);
    assertThat(sent.recipient()).isEqualTo("+86 *** **** 5678");
    assertThat(store.sentFor(caseId)).containsExactly(sent);
    assertThat(flow.timeline(caseId)).anyMatch(e -> e.startsWith("Notice for you: "));
    assertThat(relay.sendPending()).isZero();
  }

  @Test
  void aFailingMailServerIsRetriedWithGrowingPausesThenFailedListedAsAnIncidentAndRetriedByAnOperator()
      throws IOException {
    String id = "n-" + caseId;
    outbox.queue(refundPaid(id, Locale.ENGLISH), NOTE);
    JavaMailSenderImpl down = new JavaMailSenderImpl();
    down.setHost("127.0.0.1");
    down.setPort(closedPort());
    NotificationProperties threeTries = new NotificationProperties(properties.from(), properties.sendingLease(),
        properties.relayInterval(), false, Duration.ofSeconds(30), 3);
    base = clock.instant();

    assertThat(downRelay(down, threeTries, Duration.ZERO).sendPending()).isZero();
    assertThat(downRelay(down, threeTries, Duration.ofSeconds(29)).sendPending()).as("not due before 30 s").isZero();
    assertThat(store.pendingFor(caseId)).hasSize(1);
    assertThat(downRelay(down, threeTries, Duration.ofSeconds(31)).sendPending()).isZero();
    // the second pause is twice the first: due 60 s after the second attempt, not 30 s
    assertThat(downRelay(down, threeTries, Duration.ofSeconds(31 + 59)).sendPending()).isZero();
    assertThat(store.pendingFor(caseId)).as("still pending after two attempts").hasSize(1);
    downRelay(down, threeTries, Duration.ofSeconds(31 + 61)).sendPending();

    assertThat(store.pendingFor(caseId)).isEmpty();
    assertThat(store.failed()).extracting(NotificationStore.FailedNotification::notificationId).contains(id);
    TestHttp http = flow.http();
    TestHttp.Response incidents = http.get("/api/reports/incidents", "manager");
    JsonNode listed = findIncident(ReturnFlowDriver.read(incidents), "notification:" + id);
    assertThat(listed).isNotNull();
    assertThat(listed.get("caseId").asText()).isEqualTo(caseId);
    assertThat(listed.get("incidentType").asText()).isEqualTo("failedNotification");
    assertThat(listed.get("message").asText()).contains("not sent after 3 attempts", "/api/notifications/" + id + "/retry")
        .doesNotContain(email);
    assertThat(listed.get("cause").asText()).contains("MailSendException").doesNotContain(email);
    assertThat(listed.get("mayRetry").toString()).contains("managers", "camunda-admin");
    assertThat(simulator.messages(email)).isEmpty();
    assertThat(failedGauge(http)).isEqualTo("1.0");

    // an operator retries it once the mail server is back: it goes out, exactly once
    assertThat(http.postJson("/api/notifications/" + id + "/retry", "agent", "").status()).isEqualTo(403);
    TestHttp.Response retried = http.postJson("/api/notifications/" + id + "/retry", "manager", "");
    assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    assertThat(retried.body()).contains("\"status\":\"PENDING\"");
    assertThat(relay.sendPending()).isEqualTo(1);
    assertThat(simulator.messages(email)).hasSize(1);
    assertThat(findIncident(ReturnFlowDriver.read(http.get("/api/reports/incidents", "manager")), "notification:" + id))
        .isNull();
    assertThat(failedGauge(http)).isEqualTo("0.0");

    TestHttp.Response again = http.postJson("/api/notifications/" + id + "/retry", "admin", "");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
    TestHttp.Response unknown = http.postJson("/api/notifications/no-such-notice/retry", "manager", "");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    TestHttp.Response bad = http.postJson("/api/notifications/" + "x".repeat(201) + "/retry", "manager", "");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.contentType()).startsWith("application/problem+json");
  }

  @Test
  void twoRelaysRacingSendOneMail() throws Exception {
    for (int i = 0; i < 5; i++) {
      outbox.queue(refundPaid("n-" + caseId + "-" + i, Locale.ENGLISH), null);
    }
    NotificationRelay other = new NotificationRelay(mailSender, store, progress, properties, clock, Runnable::run,
        org.springframework.transaction.support.TransactionOperations.withoutTransaction());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    List<Future<Integer>> runs = new ArrayList<>();
    try {
      for (NotificationRelay node : List.of(relay, other)) {
        runs.add(nodes.submit((Callable<Integer>) () -> {
          start.await();
          return node.sendPending();
        }));
      }
      start.countDown();
      int sent = 0;
      for (Future<Integer> run : runs) {
        sent += run.get();
      }
      assertThat(sent).isEqualTo(5);
    } finally {
      nodes.shutdown();
    }

    assertThat(simulator.messages(email)).hasSize(5);
    assertThat(store.sentFor(caseId)).hasSize(5);
  }

  private NotificationRelay downRelay(JavaMailSenderImpl down, NotificationProperties settings, Duration later) {
    return new NotificationRelay(down, store, progress, settings, Clock.fixed(base.plus(later), ZoneOffset.UTC),
        Runnable::run, org.springframework.transaction.support.TransactionOperations.withoutTransaction());
  }

  /** The value of {@code aftersales_notifications{status="FAILED"}} as Prometheus reads it. */
  private static String failedGauge(TestHttp http) {
    java.util.regex.Matcher line = java.util.regex.Pattern
        .compile("(?m)^aftersales_notifications\\{[^}]*status=\"FAILED\"[^}]*\\} (\\S+)$")
        .matcher(http.get("/actuator/prometheus", "manager").body());
    assertThat(line.find()).as("the FAILED notifications gauge").isTrue();
    return line.group(1);
  }

  private static JsonNode findIncident(JsonNode incidents, String id) {
    for (JsonNode incident : incidents) {
      if (incident.get("incidentId").asText().equals(id)) {
        return incident;
      }
    }
    return null;
  }

  private CustomerNotification refundPaid(String id, Locale locale) {
    return new CustomerNotification(id, caseId, "Li Wei", email, "+86 138 1234 5678", NotificationType.REFUND_PAID,
        locale, Map.of(NotificationDetails.AMOUNT, "129.00", NotificationDetails.CURRENCY, "CNY"));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
