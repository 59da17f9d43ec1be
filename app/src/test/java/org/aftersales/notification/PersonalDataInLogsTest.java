package org.aftersales.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.TestHttp;
import org.aftersales.logistics.ParcelRegistry;
import org.aftersales.returns.ReturnFlowDriver;
import org.aftersales.returns.ReturnProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the application logs about a customer while their case is opened, mailed about and picked up by the
 * carrier (and when the carrier refuses, and when a request carrying the data is refused): never their phone
 * number, street or e-mail address as given, only masked forms.
 */
@AfterSalesIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataInLogsTest {

  private static final String PHONE = "+86 139 2468 1357";
  private static final String STREET = "88 Huaihai Middle Road";
  private static final String POSTAL_CODE = "200021";
  private static final String EMAIL = "zhao.min@example.com";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired ParcelRegistry parcels;

  @Test
  void phonesStreetsAndEmailsAreMaskedInTheLog(CapturedOutput output) {
    ReturnFlowDriver flow = new ReturnFlowDriver(port, engine);
    String picked = flow.open(ReturnFlowDriver.with("returnMethod", "PICKUP", "contact", contact(EMAIL, "CN")));
    String phoneOnly = flow.open(ReturnFlowDriver.with("contact", contact(null, "CN")));
    String unserved = flow.open(ReturnFlowDriver.with("returnMethod", "PICKUP", "contact", contact(EMAIL, "FR")));
    approve(flow, picked);
    approve(flow, unserved);
    approve(flow, phoneOnly);
    String trackingNumber = awaitPickup(picked);
    assertThat(flow.parcelEvent(trackingNumber, "PICKED_UP").status()).isEqualTo(200);
    TestHttp.Response refused = flow.http().postJson("/api/cases", "shop",
        ReturnFlowDriver.request(ReturnFlowDriver.with("contact", contact(EMAIL, "CN"), "paidAmount", "many")));
    assertThat(refused.status()).isEqualTo(400);
    awaitLogged(output, "Notification", phoneOnly);
    awaitLogged(output, "Pickup " + picked + "-PICKUP booked");
    awaitBookingTried(unserved);

    String log = output.getAll();
    assertThat(log).as("the raw phone number").doesNotContain(PHONE).doesNotContain(PHONE.replaceAll("\\D", ""))
        .doesNotContain("2468 1357");
    assertThat(log).as("the street and postal code").doesNotContain(STREET).doesNotContain(POSTAL_CODE);
    assertThat(log).as("the e-mail address").doesNotContain(EMAIL);
    assertThat(log).as("masked forms")
        .contains("to z***@example.com")
        .contains("to +86 *** **** 1357")
        .contains("from ***, Shanghai, CN");
    assertThat(parcels.forCase(unserved)).as("the carrier refused the pickup in France").isEmpty();
  }

  private void approve(ReturnFlowDriver flow, String caseId) {
    engine.getTaskService().complete(flow.task(flow.instance(caseId), ReturnProcess.Element.REVIEW).getId(),
        Map.of(ReturnProcess.Var.REVIEW_DECISION, ReturnProcess.APPROVE));
  }

  /** Waits for the job executor to book the pickup; returns the parcel's tracking number. */
  private String awaitPickup(String caseId) {
    Instant limit = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(limit)) {
      List<ParcelRegistry.Parcel> booked = parcels.forCase(caseId);
      if (!booked.isEmpty()) {
        return booked.get(0).trackingNumber();
      }
      pause();
    }
    throw new AssertionError("No pickup was booked for " + caseId);
  }

  /** Waits until the pickup of the case was tried (and, refused by the carrier, left by its error event). */
  private void awaitBookingTried(String caseId) {
    String instance = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseId)
        .processDefinitionKey(ReturnProcess.KEY).singleResult().getId();
    Instant limit = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(limit)) {
      if (engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance)
          .activityId(ReturnProcess.Element.BOOK_PICKUP).finished().count() > 0) {
        return;
      }
      pause();
    }
    throw new AssertionError("The pickup of " + caseId + " was never tried");
  }

  private static void awaitLogged(CapturedOutput output, String... words) {
    Instant limit = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(limit)) {
      if (output.getAll().lines().anyMatch(line -> List.of(words).stream().allMatch(line::contains))) {
        return;
      }
      pause();
    }
    throw new AssertionError("Nothing logged with " + List.of(words));
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> contact(String email, String country) {
    Map<String, Object> contact = new java.util.LinkedHashMap<>();
    contact.put("name", "Zhao Min");
    if (email != null) {
      contact.put("email", email);
    }
    contact.put("phone", PHONE);
    contact.put("address", Map.of("line1", STREET, "city", country.equals("CN") ? "Shanghai" : "Paris",
        "postalCode", POSTAL_CODE, "country", country));
    return contact;
  }
}
