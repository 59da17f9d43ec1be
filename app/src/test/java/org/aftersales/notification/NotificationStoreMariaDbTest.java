package org.aftersales.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.aftersales.MariaDb;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The notification outbox on MariaDB through MySQL Connector/J, on the schema the migrations create. */
@ExtendWith(MariaDb.class)
class NotificationStoreMariaDbTest {

  static final String DATABASE = "aftersales_notification_test";
  static final Instant NOW = Instant.parse("2026-05-01T08:30:15Z");

  static NotificationStore store;
  static JdbcTemplate jdbc;

  @BeforeAll
  static void migrate() {
    MariaDb.recreate(DATABASE);
    DriverManagerDataSource dataSource = new DriverManagerDataSource(MariaDb.url(DATABASE), MariaDb.USER, MariaDb.PASSWORD);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    jdbc = new JdbcTemplate(dataSource);
    store = new NotificationStore(jdbc);
  }

  @Test
  void aQueuedNoticeIsClaimedOnceSentAndKeepsNeitherAddressNorBody() {
    String subject = "您的退款 129.00 CNY 已支付（R-1）";
    store.queue(pending("n-1", "R-1", subject), "li.wei@example.com", "李伟", "正文 129.00 CNY", "NOTIFIED_REFUND_PAID",
        "We e-mailed you: " + subject, NOW);

    assertThat(store.due(NOW)).contains("n-1");
    assertThat(store.claim("n-1", NOW, NOW.plusSeconds(120))).isTrue();
    assertThat(store.claim("n-1", NOW, NOW.plusSeconds(120))).as("held by the first claim").isFalse();
    assertThat(store.outgoing("n-1")).hasValueSatisfying(o -> assertThat(o.body()).isEqualTo("正文 129.00 CNY"));
    assertThat(store.markSent("n-1", NOW)).isTrue();

    assertThat(store.sentFor("R-1")).containsExactly(new SentNotification("n-1", "R-1", NotificationType.REFUND_PAID,
        SentNotification.EMAIL, "l***@example.com", subject, OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC), false));
    assertThat(jdbc.queryForMap("SELECT recipient_address, recipient_name, body FROM as_notification "
        + "WHERE notification_id = 'n-1'")).as("neither address nor body kept once sent")
        .containsOnlyKeys("recipient_address", "recipient_name", "body").allSatisfy((column, value) ->
            assertThat(value).as(column).isNull());
  }

  @Test
  void aFailedNoticeWaitsForItsRetryAndAnOperatorsRetryMakesItDue() {
    store.queue(pending("n-2", "R-2", "subject"), "a@example.com", null, "body", null, null, NOW);
    assertThat(store.claim("n-2", NOW, NOW.plusSeconds(120))).isTrue();
    store.retryLater("n-2", NOW.plusSeconds(30), "MailSendException: down");

    assertThat(store.due(NOW.plusSeconds(29))).doesNotContain("n-2");
    assertThat(store.claim("n-2", NOW.plusSeconds(30), NOW.plusSeconds(150))).isTrue();
    store.markFailed("n-2", NOW.plusSeconds(30), "MailSendException: down");

    assertThat(store.failed()).extracting(NotificationStore.FailedNotification::notificationId).contains("n-2");
    assertThat(store.retry("n-2", NOW.plusSeconds(60))).isTrue();
    assertThat(store.retry("n-2", NOW.plusSeconds(60))).as("pending now, not failed").isFalse();
    assertThat(store.due(NOW.plusSeconds(60))).contains("n-2");
  }

  private static SentNotification pending(String id, String caseId, String subject) {
    return new SentNotification(id, caseId, NotificationType.REFUND_PAID, SentNotification.EMAIL, "l***@example.com",
        subject, null, false);
  }
}
