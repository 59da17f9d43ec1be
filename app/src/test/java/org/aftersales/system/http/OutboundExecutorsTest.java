package org.aftersales.system.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.logistics.Address;
import org.aftersales.logistics.CarrierBooking;
import org.aftersales.logistics.CarrierClient;
import org.aftersales.logistics.CarrierProperties;
import org.aftersales.logistics.ParcelStatus;
import org.aftersales.logistics.PickupRequest;
import org.aftersales.notification.simulator.MailSimulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Calls to outside systems run on the shared, bounded threads of {@link OutboundExecutors} (issue 21): many HTTP
 * calls at once all succeed while the body writers never exceed their bound, and a mail's write timeout is watched
 * by the shared scheduler.
 */
@AfterSalesIntegrationTest
class OutboundExecutorsTest {

  static final Address CUSTOMER = new Address("Li Wei", "+86 138 0000 5678", "1 Nanjing Road", "Shanghai", "200001", "CN");

  @Autowired CarrierClient carrier;
  @Autowired CarrierProperties properties;
  @Autowired JavaMailSender mailSender;
  @Autowired MailSimulator mailSimulator;

  @Test
  void manyCallsAtOnceShareTheBoundedThreads() throws Exception {
    ThreadPoolExecutor writers = (ThreadPoolExecutor) OutboundExecutors.BODY_WRITERS;
    long writtenBefore = writers.getCompletedTaskCount();
    int calls = 3 * OutboundExecutors.BODY_WRITER_THREADS;
    List<Future<CarrierBooking>> bookings = new ArrayList<>();
    ExecutorService callers = Executors.newFixedThreadPool(calls);
    try {
      for (int i = 0; i < calls; i++) {
        String caseId = "AS-T-" + UUID.randomUUID();
        bookings.add(callers.submit(() -> carrier.bookPickup(new PickupRequest(caseId + "-PICKUP", caseId, CUSTOMER,
            properties.warehouse().address(), 1))));
      }
      for (Future<CarrierBooking> booking : bookings) {
        assertThat(booking.get().status()).isEqualTo(ParcelStatus.BOOKED);
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(writers.getCompletedTaskCount() - writtenBefore).isGreaterThanOrEqualTo(calls);
    assertThat(writers.getLargestPoolSize()).isLessThanOrEqualTo(OutboundExecutors.BODY_WRITER_THREADS);
    assertThat(((ThreadPoolExecutor) OutboundExecutors.HTTP_CLIENT).getLargestPoolSize())
        .isLessThanOrEqualTo(OutboundExecutors.HTTP_CLIENT_THREADS);
  }

  @Test
  void aMailsWriteTimeoutIsWatchedByTheSharedScheduler() {
    ThreadPoolExecutor timeouts = (ThreadPoolExecutor) OutboundExecutors.MAIL_WRITE_TIMEOUTS;
    String to = "executor-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom("service@example.com");
    message.setTo(to);
    message.setSubject("Shared threads");
    message.setText("One scheduler for every connection");

    mailSender.send(message);

    assertThat(mailSimulator.messages(to)).hasSize(1);
    assertThat(((JavaMailSenderImpl) mailSender).getSession().getProperties().get("mail.smtp.executor.writetimeout"))
        .isSameAs(OutboundExecutors.MAIL_WRITE_TIMEOUTS);
    // the scheduler's one thread started with the first watched write (a write that ends in time cancels its watch,
    // which leaves no count behind); nothing else schedules on it
    assertThat(timeouts.getLargestPoolSize()).isOne();
  }
}
