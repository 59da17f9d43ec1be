package org.aftersales;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aftersales.system.http.CallbackSignature;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Carrier and payment provider callbacks as the demo parties send them: logged in as {@code carrier} or
 * {@code payment} and signed with that party's demo secret (application.properties) at the application's time.
 */
public final class TestCallbacks {

  public static final String CARRIER = "carrier";
  public static final String PAYMENT = "payment";
  private static final Map<String, String> SECRETS = Map.of(CARRIER, "demo-carrier-signing-secret-0001",
      PAYMENT, "demo-payment-signing-secret-0001");

  private TestCallbacks() {}

  /** The party that sends callbacks to a path: the carrier for parcel events, the payment provider for payments. */
  public static String partyOf(String path) {
    return path.startsWith("/api/events/parcels") ? CARRIER : PAYMENT;
  }

  /** The signature headers of {@code body} sent by the demo {@code party} now. */
  public static Map<String, String> signature(String party, String body) {
    return signature(SECRETS.get(party), ClockUtil.getCurrentTime().toInstant().getEpochSecond(), body);
  }

  public static Map<String, String> signature(String secret, long epochSeconds, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(CallbackSignature.TIMESTAMP_HEADER, Long.toString(epochSeconds));
    headers.put(CallbackSignature.SIGNATURE_HEADER,
        CallbackSignature.sign(secret, epochSeconds, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    return headers;
  }

  /** POSTs a JSON callback to {@code path} as the party that sends it, signed. */
  public static TestHttp.Response post(TestHttp http, String path, String json) {
    String party = partyOf(path);
    return http.send("POST", path, party, "application/json", json, signature(party, json));
  }
}
