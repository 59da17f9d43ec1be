package org.aftersales.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.aftersales.MariaDb;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The notification store on MariaDB through MySQL Connector/J, on the schema the migrations create. */
@ExtendWith(MariaDb.class)
class NotificationStoreMariaDbTest {

  static final String DATABASE = "aftersales_notification_test";
  static final Instant NOW = Instant.parse("2026-05-01T08:30:15Z");

  static NotificationStore store;

  @BeforeAll
  static void migrate() {
    MariaDb.recreate(DATABASE);
    DriverManagerDataSource dataSource = new DriverManagerDataSource(MariaDb.url(DATABASE), MariaDb.USER, MariaDb.PASSWORD);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    store = new NotificationStore(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource));
  }

  @Test
  void anIdIsReservedOnceAndAnsweredWithTheFirstResultOnceSent() {
    SentNotification pending = pending("n-1", "R-1", "您的退款 129.00 CNY 已支付（R-1）");

    assertThat(store.reserve(pending, NOW, NOW.minusSeconds(120))).isEmpty();
    assertThatThrownBy(() -> store.reserve(pending, NOW, NOW.minusSeconds(120)))
        .isInstanceOf(NotificationDeliveryException.class);
    store.markSent("n-1", NOW);

    SentNotification sent = new SentNotification("n-1", "R-1", NotificationType.REFUND_PAID, SentNotification.EMAIL,
        "l***@example.com", pending.subject(), OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC), false);
    assertThat(store.reserve(pending, NOW.plusSeconds(600), NOW)).contains(sent);
    assertThat(store.sentFor("R-1")).containsExactly(sent);
  }

  @Test
  void aReleasedIdMayBeReservedAgain() {
    SentNotification pending = pending("n-2", "R-2", "subject");
    store.reserve(pending, NOW, NOW.minusSeconds(120));

    store.release("n-2");

    assertThat(store.reserve(pending, NOW, NOW.minusSeconds(120))).isEmpty();
    assertThat(store.sentFor("R-2")).isEmpty();
  }

  @Test
  void aStaleReservationIsTakenOver() {
    store.reserve(pending("n-3", "R-3", "old subject"), NOW.minusSeconds(600), NOW.minusSeconds(720));

    assertThat(store.reserve(pending("n-3", "R-3", "new subject"), NOW, NOW.minusSeconds(120))).isEmpty();
    store.markSent("n-3", NOW);

    assertThat(store.sentFor("R-3")).extracting(SentNotification::subject).containsExactly("new subject");
  }

  private static SentNotification pending(String id, String caseId, String subject) {
    return new SentNotification(id, caseId, NotificationType.REFUND_PAID, SentNotification.EMAIL, "l***@example.com",
        subject, null, false);
  }
}
