package org.aftersales.notification.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class MailSimulatorTest {

  @Test
  void port0TakesAFreePort() {
    MailSimulator simulator = new MailSimulator(new MailSimulatorProperties(true, "127.0.0.1", 0));
    simulator.start();
    try {
      assertThat(simulator.port()).isPositive();
      assertThat(simulator.isConfiguredAt("127.0.0.1", 0)).isTrue();
    } finally {
      simulator.stop();
    }
  }

  @Test
  void aTakenPortFallsBackToAFreeOne() {
    withTwoSimulatorsConfiguredForOnePort((first, second) -> {
      assertThat(second.port()).isPositive().isNotEqualTo(first.port());
      assertThat(second.isConfiguredAt("127.0.0.1", first.port())).isTrue();
    });
  }

  @Test
  void theApplicationsMailSenderFollowsTheSimulatorToTheFreePort() {
    withTwoSimulatorsConfiguredForOnePort((first, second) -> {
      BeanPostProcessor follows = MailSimulatorConfiguration.mailSenderFollowsSimulator(
          new StaticListableBeanFactory(Map.of("mailSimulator", second)).getBeanProvider(MailSimulator.class));
      JavaMailSenderImpl toSimulator = sender("127.0.0.1", first.port());
      JavaMailSenderImpl elsewhere = sender("smtp.example.com", first.port());

      follows.postProcessAfterInitialization(toSimulator, "mailSender");
      follows.postProcessAfterInitialization(elsewhere, "otherSender");

      assertThat(toSimulator.getPort()).isEqualTo(second.port());
      assertThat(elsewhere.getPort()).isEqualTo(first.port());
    });
  }

  @Test
  void listsWhatItReceivedPerRecipient() throws Exception {
    MailSimulator simulator = new MailSimulator(new MailSimulatorProperties(true, "127.0.0.1", 0));
    simulator.start();
    try {
      send(simulator.port(), "li.wei@example.com", "退款已支付", "您好");
      send(simulator.port(), "wang.fang@example.com", "Other", "Hello");

      assertThat(simulator.messages("LI.WEI@example.com")).singleElement().satisfies(mail -> {
        assertThat(mail.to()).isEqualTo("li.wei@example.com");
        assertThat(mail.subject()).isEqualTo("退款已支付");
        assertThat(mail.body()).isEqualTo("您好");
        assertThat(mail.receivedAt()).isNotNull();
      });
      assertThat(simulator.messages(null)).hasSize(2);
      assertThat(simulator.messages("nobody@example.com")).isEmpty();
    } finally {
      simulator.stop();
    }
    assertThat(simulator.messages(null)).isEmpty();
  }

  /** Runs {@code test} with a simulator on a free port and a second one configured for the same port. */
  private static void withTwoSimulatorsConfiguredForOnePort(BiConsumer<MailSimulator, MailSimulator> test) {
    MailSimulator first = new MailSimulator(new MailSimulatorProperties(true, "127.0.0.1", 0));
    first.start();
    MailSimulator second = new MailSimulator(new MailSimulatorProperties(true, "127.0.0.1", first.port()));
    try {
      second.start();
      test.accept(first, second);
    } finally {
      second.stop();
      first.stop();
    }
  }

  private static JavaMailSenderImpl sender(String host, int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(host);
    sender.setPort(port);
    return sender;
  }

  private static void send(int port, String to, String subject, String body) throws Exception {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", String.valueOf(port));
    MimeMessage message = new MimeMessage(Session.getInstance(properties));
    message.setFrom("after-sales@example.com");
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject(subject, "UTF-8");
    message.setText(body, "UTF-8");
    Transport.send(message);
  }
}
