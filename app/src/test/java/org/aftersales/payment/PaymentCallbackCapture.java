package org.aftersales.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.aftersales.system.http.CallbackSignature;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test only: receives the payment simulator's callbacks at {@code /api/test-callbacks/payments} (behind the
 * same security as {@code /api/events/payments}), remembers each with the user that sent it, and can be told
 * to answer 503 a few times.
 */
@RestController
public class PaymentCallbackCapture {

  static final String PATH = "/api/test-callbacks/payments";

  /** One delivery as received. */
  record Received(String user, JsonNode body, String raw, String timestamp, String signature) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failing = new AtomicInteger();

  @PostMapping(PATH)
  ResponseEntity<Void> receive(@RequestBody String raw, Principal user,
      @RequestHeader(name = CallbackSignature.TIMESTAMP_HEADER, required = false) String timestamp,
      @RequestHeader(name = CallbackSignature.SIGNATURE_HEADER, required = false) String signature) throws Exception {
    JsonNode body = new ObjectMapper().readTree(raw);
    if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
    }
    received.add(new Received(user.getName(), body, raw, timestamp, signature));
    return ResponseEntity.noContent().build();
  }

  /** The deliveries received for a refund, oldest first. */
  List<Received> forRefund(String refundId) {
    return received.stream().filter(r -> refundId.equals(r.body().path("refundId").asText())).toList();
  }

  void failNext(int deliveries) {
    failing.set(deliveries);
  }
}
