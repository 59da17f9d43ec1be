package org.aftersales.system.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Successful HTTP Basic logins on the APIs, remembered for a short time ({@code aftersales.identity.login.cache-time},
 * 60 seconds; zero remembers nothing), so that a client calling many times a second does not cost Camunda's password
 * check and group query on each call (issue 21: three transactions and two SELECTs per request). Only a success is
 * remembered, as the user's id, their groups and an HMAC of user and password under a key drawn at random when the
 * application starts (never the password): a wrong password never matches and goes to Camunda and to
 * {@link LoginThrottle} as before. Any change of a user, a group or a membership (through Admin, the engine REST API
 * or the Java API of this node: {@link IdentityChangeWatch}) forgets everything at once, so a deleted user or an old
 * password is refused on the next request. Another node of a cluster forgets only when its entries run out.
 */
@Component
public class LoginCache {

  private record Entry(byte[] hash, List<String> groups, Instant until) {}

  /** More users than this remembered at once: the ones that ran out are forgotten, or all if none ran out. */
  static final int MAX_ENTRIES = 10_000;

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final SecretKeySpec key;
  private final Duration time;
  private final Clock clock;

  public LoginCache(@Value("${aftersales.identity.login.cache-time:PT60S}") Duration time, Clock clock) {
    this.time = time;
    this.clock = clock;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** The groups of a user who logged in with this password within the cache time; empty otherwise. */
  public Optional<List<String>> groups(String user, String password) {
    Entry entry = entries.get(user);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.until())) {
      entries.remove(user, entry);
      return Optional.empty();
    }
    return MessageDigest.isEqual(entry.hash(), hash(user, password)) ? Optional.of(entry.groups()) : Optional.empty();
  }

  /** A mark to give to {@link #remember}, taken before the password is checked. */
  public long generation() {
    return generation.get();
  }

  /**
   * Remembers a successful login, unless users changed since {@code generation} was taken (the check may have seen
   * the old password).
   */
  public void remember(String user, String password, List<String> groups, long generation) {
    if (time.isZero() || time.isNegative()) {
      return;
    }
    Instant now = clock.instant();
    if (entries.size() >= MAX_ENTRIES) {
      entries.values().removeIf(e -> !now.isBefore(e.until()));
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
    }
    entries.put(user, new Entry(hash(user, password), List.copyOf(groups), now.plus(time)));
    if (this.generation.get() != generation) {
      entries.remove(user);
    }
  }

  /** Forgets every login: a user, group or membership changed. */
  public void forgetAll() {
    generation.incrementAndGet();
    entries.clear();
  }

  private byte[] hash(String user, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(user.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
