package org.aftersales.system.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a carrier's or payment provider's callback (docs/security.md, "Outside parties and signed callbacks"): HMAC-SHA256 with the
 * party's secret over {@code <timestamp>.<body>}, where the timestamp is the Unix time in seconds sent in
 * {@value #TIMESTAMP_HEADER} and the body the exact bytes sent; the signature goes in {@value #SIGNATURE_HEADER} as
 * {@code v1=<lower-case hex>}.
 */
public final class CallbackSignature {

  public static final String TIMESTAMP_HEADER = "X-Signature-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Signature";
  static final String VERSION = "v1=";
  /** The request attribute naming the party whose signature a callback carries, once checked. */
  public static final String SENDER_ATTRIBUTE = "org.aftersales.parties.callbackSender";

  private CallbackSignature() {}

  /** The header value for a body sent at {@code epochSeconds}. */
  public static String sign(String secret, long epochSeconds, byte[] body) {
    return VERSION + HexFormat.of().formatHex(mac(secret, epochSeconds, body));
  }

  /** Whether {@code signature} (the header value) is the body's signature with {@code secret}, in constant time. */
  public static boolean matches(String secret, long epochSeconds, byte[] body, String signature) {
    if (signature == null || !signature.startsWith(VERSION)) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signature.substring(VERSION.length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(secret, epochSeconds, body), given);
  }

  private static byte[] mac(String secret, long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
