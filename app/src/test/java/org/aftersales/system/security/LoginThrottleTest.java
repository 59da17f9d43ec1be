package org.aftersales.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.aftersales.AfterSalesIntegrationTest;
import org.aftersales.MovableClock;
import org.aftersales.TestHttp;
import org.aftersales.TestHttp.Response;
import org.aftersales.system.BusinessTime;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Strangers cannot lock anyone out for good, nor the real user out from where they work. */
@AfterSalesIntegrationTest
class LoginThrottleTest {

  @LocalServerPort int port;
  @Autowired IdentityService identityService;

  /** A user of the test's own, with a password that is not its id. */
  String user(String prefix) {
    String id = prefix + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(id);
    user.setPassword("Right-" + id);
    identityService.saveUser(user);
    return id;
  }

  static LoginThrottle throttle(int perAddress, int perAccount, MovableClock clock) {
    return new LoginThrottle(perAddress, perAccount, Duration.ofMinutes(15), clock,
        new BusinessTime(ZoneId.of("Asia/Shanghai"), clock));
  }

  @Test
  void anAddressIsRefusedForALimitedTimeAfterTooManyFailures() {
    MovableClock clock = new MovableClock(Instant.parse("2026-12-04T08:00:00Z"));
    LoginThrottle throttle = throttle(5, 3, clock);
    for (int i = 0; i < 5; i++) {
      throttle.failed("user" + i, "203.0.113.9");
    }

    assertThat(throttle.refusal("someone", "203.0.113.9")).hasValueSatisfying(r -> assertThat(r).contains("address"));
    assertThat(throttle.refusal("someone", "198.51.100.7")).isEmpty();
    clock.move(Duration.ofMinutes(16));
    assertThat(throttle.refusal("someone", "203.0.113.9")).isEmpty();
  }

  @Test
  void anAccountLockSparesTheAddressesItWorksFromAndEnds() {
    MovableClock clock = new MovableClock(Instant.parse("2026-12-04T08:00:00Z"));
    LoginThrottle throttle = throttle(100, 3, clock);
    throttle.succeeded("agent7", "10.0.0.5");
    for (int i = 0; i < 3; i++) {
      throttle.failed("agent7", "203.0.113.9");
    }

    assertThat(throttle.refusal("agent7", "203.0.113.9")).isPresent();
    assertThat(throttle.refusal("agent7", "10.0.0.5")).isEmpty();
    clock.move(Duration.ofMinutes(16));
    assertThat(throttle.refusal("agent7", "203.0.113.9")).isEmpty();
  }

  @Test
  void wrongPasswordsNeverLockAnAccountForGoodNorDelayTheRealUser() {
    String id = user("throttled");
    String password = "Right-" + id;
    identityService.createMembership(id, "managers");
    TestHttp http = TestHttp.on(port);
    try {
      // the real user logged in from here before
      assertThat(http.get("/api/me", id + ":" + password).status()).isEqualTo(200);
      for (int i = 0; i < 12; i++) {
        assertThat(http.get("/api/me", id + ":wrong" + i).status()).isEqualTo(401);
      }

      // Camunda's own lock (for good after ten) and delays are off; our account lock spares this address
      assertThat(identityService.checkPassword(id, password)).isTrue();
      assertThat(http.get("/api/me", id + ":" + password).status()).isEqualTo(200);
    } finally {
      identityService.deleteUser(id);
    }
  }

  @Test
  void aLockedAccountIsToldWhyWithoutABasicChallengeForBrowsers() {
    String id = user("stranger");
    String password = "Right-" + id;
    TestHttp http = TestHttp.on(port);
    try {
      for (int i = 0; i < 10; i++) {
        http.get("/api/me", id + ":wrong" + i);
      }

      Response locked = http.send("GET", "/api/me", id + ":" + password, null, null,
          java.util.Map.of("Sec-Fetch-Mode", "navigate", "Accept", "text/html"));

      assertThat(locked.status()).isEqualTo(401);
      assertThat(locked.body()).contains("Too many failed logins for this user");
      assertThat(locked.headers().firstValue("WWW-Authenticate")).isEmpty();
    } finally {
      identityService.deleteUser(id);
      // a successful login from this address clears its count of failures, for the tests that follow
      assertThat(http.get("/api/me", "agent").status()).isEqualTo(200);
    }
  }
}
