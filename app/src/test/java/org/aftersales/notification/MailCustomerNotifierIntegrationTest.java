package org.aftersales.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestHttp;
import org.aftersales.notification.simulator.MailSimulator;
import org.aftersales.notification.simulator.ReceivedMail;
import org.aftersales.system.PersonalData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The e-mail notifier against the mail simulator and the application's database. */
@AfterSalesIntegrationTest
class MailCustomerNotifierIntegrationTest {

  private static final Duration MAIL_ARRIVES = Duration.ofSeconds(10);

  @LocalServerPort int port;
  @Autowired CustomerNotifier notifier;
  @Autowired MailSimulator simulator;
  @Autowired NotificationStore store;
  @Autowired NotificationTemplates templates;
  @Autowired NotificationProperties properties;
  @Autowired Clock clock;

  @Test
  void aNotificationArrivesAsOneMailWithItsSubjectAndIsRecordedForTheCase() {
    Customer customer = Customer.random();

    SentNotification sent = notifier.send(customer.refundPaid("n-" + customer.caseId, Locale.ENGLISH));

    ReceivedMail mail = awaitOneMailTo(customer.email);
    assertThat(mail.subject()).isEqualTo("Your refund of 129.00 CNY has been paid (" + customer.caseId + ")");
    assertThat(mail.body()).contains("Dear Li Wei,", "129.00 CNY", customer.caseId);
    assertThat(sent.channel()).isEqualTo(SentNotification.EMAIL);
    assertThat(sent.recipient()).isEqualTo(PersonalData.maskEmail(customer.email)).doesNotContain(customer.local);
    assertThat(sent.subject()).isEqualTo(mail.subject());
    assertThat(sent.duplicate()).isFalse();
    assertThat(store.sentFor(customer.caseId)).containsExactly(sent);
  }

  @Test
  void aChineseCustomerGetsTheChineseText() {
    Customer customer = Customer.random();

    notifier.send(customer.refundPaid("n-" + customer.caseId, Locale.SIMPLIFIED_CHINESE));

    ReceivedMail mail = awaitOneMailTo(customer.email);
    assertThat(mail.subject()).isEqualTo("您的退款 129.00 CNY 已支付（" + customer.caseId + "）");
    assertThat(mail.body()).startsWith("Li Wei，您好：");
  }

  @Test
  void theSameIdTwiceSendsOneMailAndAnswersTheSecondCallAsADuplicate() {
    Customer customer = Customer.random();
    CustomerNotification notification = customer.refundPaid("n-" + customer.caseId, Locale.ENGLISH);

    SentNotification first = notifier.send(notification);
    SentNotification second = notifier.send(notification);

    awaitOneMailTo(customer.email);
    assertThat(second.duplicate()).isTrue();
    assertThat(second).usingRecursiveComparison().ignoringFields("duplicate").isEqualTo(first);
    assertThat(store.sentFor(customer.caseId)).hasSize(1);
  }

  @Test
  void concurrentCallsWithTheSameIdSendOneMail() throws Exception {
    Customer customer = Customer.random();
    CustomerNotification notification = customer.refundPaid("n-" + customer.caseId, Locale.ENGLISH);
    ExecutorService threads = Executors.newFixedThreadPool(6);
    List<Future<SentNotification>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        calls.add(threads.submit((Callable<SentNotification>) () -> notifier.send(notification)));
      }
      int answered = 0;
      for (Future<SentNotification> call : calls) {
        try {
          call.get();
          answered++;
        } catch (ExecutionException e) {
          // a call that met another's live reservation fails, so that its job retries later
          assertThat(e.getCause()).isInstanceOf(NotificationDeliveryException.class);
        }
      }
      assertThat(answered).isPositive();
    } finally {
      threads.shutdown();
    }

    assertSentExactlyOnce(notification);
  }

  @Test
  void aCustomerWithoutEmailIsRecordedWithChannelNoneAndNothingIsSent() {
    Customer customer = Customer.random();
    int received = simulator.messages(null).size();
    CustomerNotification notification = new CustomerNotification("n-" + customer.caseId, customer.caseId, "Li Wei",
        null, "+86 138 1234 5678", NotificationType.CASE_CLOSED, Locale.ENGLISH, Map.of());

    SentNotification sent = notifier.send(notification);

    assertThat(sent.channel()).isEqualTo(SentNotification.NONE);
    assertThat(sent.recipient()).isEqualTo("+86 *** **** 5678");
    assertThat(store.sentFor(customer.caseId)).containsExactly(sent);
    assertThat(notifier.send(notification).duplicate()).isTrue();
    assertThat(simulator.messages(null)).hasSize(received);
  }

  @Test
  void whenTheMailServerIsDownTheSendFailsAndALaterRetrySendsExactlyOneMail() throws IOException {
    Customer customer = Customer.random();
    CustomerNotification notification = customer.refundPaid("n-" + customer.caseId, Locale.ENGLISH);
    JavaMailSenderImpl down = new JavaMailSenderImpl();
    down.setHost("127.0.0.1");
    down.setPort(closedPort());
    CustomerNotifier withServerDown = new MailCustomerNotifier(down, templates, store, properties, clock);

    assertThatThrownBy(() -> withServerDown.send(notification)).isInstanceOf(NotificationDeliveryException.class)
        .hasMessageContaining(PersonalData.maskEmail(customer.email)).hasMessageNotContaining(customer.email);
    assertThatThrownBy(() -> withServerDown.send(notification)).isInstanceOf(NotificationDeliveryException.class);
    assertThat(store.sentFor(customer.caseId)).isEmpty();

    SentNotification retried = notifier.send(notification);

    assertThat(retried.duplicate()).isFalse();
    assertSentExactlyOnce(notification);
  }

  @Test
  void anIdReservedByAnAttemptStillRunningIsNotSentTwice() {
    Customer customer = Customer.random();
    CustomerNotification notification = customer.refundPaid("n-" + customer.caseId, Locale.ENGLISH);
    Instant now = clock.instant();
    store.reserve(pending(notification), now, now.minus(properties.sendingLease()));

    assertThatThrownBy(() -> notifier.send(notification)).isInstanceOf(NotificationDeliveryException.class)
        .hasMessageContaining("being sent by another attempt");
    assertThat(simulator.messages(customer.email)).isEmpty();
  }

  @Test
  void anIdReservedByAnAttemptThatNeverFinishedIsSentAfterTheLease() {
    Customer customer = Customer.random();
    CustomerNotification notification = customer.refundPaid("n-" + customer.caseId, Locale.ENGLISH);
    Instant crashedAt = clock.instant().minus(properties.sendingLease()).minusSeconds(1);
    store.reserve(pending(notification), crashedAt, crashedAt.minus(properties.sendingLease()));

    SentNotification sent = notifier.send(notification);

    assertThat(sent.duplicate()).isFalse();
    awaitOneMailTo(customer.email);
    assertThat(store.sentFor(customer.caseId)).containsExactly(sent);
  }

  @Test
  void onlyIntegrationsMayReadTheMailSimulator() {
    Customer customer = Customer.random();
    notifier.send(customer.refundPaid("n-" + customer.caseId, Locale.ENGLISH));
    awaitOneMailTo(customer.email);
    TestHttp http = TestHttp.on(port);
    String path = "/simulators/mail/messages?to=" + customer.email;

    assertThat(http.get(path, null).status()).isEqualTo(401);
    assertThat(http.get(path, "agent:agent").status()).isEqualTo(403);
    TestHttp.Response response = http.get(path, "shop:shop");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).contains("\"to\":\"" + customer.email + "\"", "\"subject\":\"Your refund of 129.00 CNY",
        "\"receivedAt\":");
    assertThat(http.get("/simulators/mail/messages?to=nobody-" + customer.email, "shop:shop").body()).isEqualTo("[]");
  }

  /** One mail arrived; sending again now is a duplicate and sends nothing more. */
  private void assertSentExactlyOnce(CustomerNotification notification) {
    awaitOneMailTo(notification.email());
    assertThat(notifier.send(notification).duplicate()).isTrue();
    assertThat(simulator.messages(notification.email())).hasSize(1);
  }

  private ReceivedMail awaitOneMailTo(String email) {
    await().atMost(MAIL_ARRIVES).until(() -> !simulator.messages(email).isEmpty());
    List<ReceivedMail> mails = simulator.messages(email);
    assertThat(mails).hasSize(1);
    return mails.get(0);
  }

  private SentNotification pending(CustomerNotification notification) {
    return new SentNotification(notification.notificationId(), notification.caseId(), notification.type(),
        SentNotification.EMAIL, PersonalData.maskEmail(notification.email()), "subject", null, false);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A customer with an address of their own, so that tests sharing the simulator do not see each other's mail. */
  private record Customer(String caseId, String local, String email) {
    static Customer random() {
      String id = UUID.randomUUID().toString().substring(0, 8);
      return new Customer("R-TEST-" + id, "li.wei." + id, "li.wei." + id + "@example.com");
    }

    CustomerNotification refundPaid(String notificationId, Locale locale) {
      return new CustomerNotification(notificationId, caseId, "Li Wei", email, "+86 138 1234 5678",
          NotificationType.REFUND_PAID, locale,
          Map.of(NotificationDetails.AMOUNT, "129.00", NotificationDetails.CURRENCY, "CNY"));
    }
  }
}
