package org.aftersales.system.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.aftersales.system.BusinessTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed logins, counted by client address and by account, for the APIs' HTTP Basic and the webapps' login
 * alike. An address with {@code max-failures-per-address} failures within the lock time is refused for the
 * rest of it, whatever account it tries; an account with {@code max-failures-per-account} failures is refused
 * for the lock time, except from an address where it logged in successfully (so a stranger cannot lock out a
 * person who works from their usual place). Every lock ends by itself; nothing locks for good (Camunda's own
 * permanent lock is off, see application.properties). Kept in memory per node: a restart forgets it.
 */
@Component
public class LoginThrottle {

  private record Failures(int count, Instant since) {}

  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
  private final Map<String, Failures> byAccount = new ConcurrentHashMap<>();
  /** Account and address pairs that logged in successfully, and when. */
  private final Map<String, Instant> trusted = new ConcurrentHashMap<>();
  private final int maxPerAddress;
  private final int maxPerAccount;
  private final Duration lockTime;
  private final Clock clock;
  private final BusinessTime time;

  public LoginThrottle(@Value("${aftersales.identity.login.max-failures-per-address:20}") int maxPerAddress,
      @Value("${aftersales.identity.login.max-failures-per-account:10}") int maxPerAccount,
      @Value("${aftersales.identity.login.lock-time:PT15M}") Duration lockTime, Clock clock, BusinessTime time) {
    this.time = time;
    this.maxPerAddress = maxPerAddress;
    this.maxPerAccount = maxPerAccount;
    this.lockTime = lockTime;
    this.clock = clock;
  }

  /** Why a login of this account from this address is refused now without checking the password; empty if not. */
  public Optional<String> refusal(String account, String address) {
    Instant now = clock.instant();
    if (isLocked(byAddress.get(address), maxPerAddress, now)) {
      return Optional.of("Too many failed logins from your address: try again after "
          + until(byAddress.get(address)) + ".");
    }
    if (account != null && isLocked(byAccount.get(account), maxPerAccount, now)
        && !trusted.containsKey(account + "@" + address)) {
      return Optional.of("Too many failed logins for this user: try again after " + until(byAccount.get(account))
          + ", or from a place where you logged in before.");
    }
    return Optional.empty();
  }

  public void failed(String account, String address) {
    Instant now = clock.instant();
    if (byAddress.size() + byAccount.size() > 100_000) {
      // many addresses or made-up accounts: forget the locks that have ended
      byAddress.values().removeIf(f -> f.since().plus(lockTime).isBefore(now));
      byAccount.values().removeIf(f -> f.since().plus(lockTime).isBefore(now));
    }
    byAddress.compute(address, (key, old) -> next(old, now));
    if (account != null) {
      byAccount.compute(account, (key, old) -> next(old, now));
    }
  }

  public void succeeded(String account, String address) {
    trusted.put(account + "@" + address, clock.instant());
    byAddress.remove(address);
  }

  private Failures next(Failures old, Instant now) {
    return old == null || old.since().plus(lockTime).isBefore(now) ? new Failures(1, now)
        : new Failures(old.count() + 1, old.since());
  }

  private boolean isLocked(Failures failures, int max, Instant now) {
    return failures != null && failures.count() >= max && failures.since().plus(lockTime).isAfter(now);
  }

  private String until(Failures failures) {
    return time.format(failures.since().plus(lockTime), "en");
  }
}
