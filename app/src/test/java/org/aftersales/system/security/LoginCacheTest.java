package org.aftersales.system.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.aftersales.MovableClock;
import org.aftersales.system.BusinessTime;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Successful API logins are remembered for a short time (issue 21), shown on the provider over a counting stand-in
 * for Camunda's identity service: a remembered login costs no identity query, a wrong password is never answered
 * from memory and still counts as a failure, memory runs out and is forgotten on change ({@link LoginCacheApiTest}
 * for the whole application).
 */
class LoginCacheTest {

  final MovableClock clock = new MovableClock(Instant.parse("2026-12-05T08:00:00Z"));
  final IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);
  final LoginThrottle throttle = new LoginThrottle(100, 3, Duration.ofMinutes(15), clock,
      new BusinessTime(ZoneId.of("Asia/Shanghai"), clock));
  LoginCache cache;
  CamundaIdentityAuthenticationProvider provider;

  @BeforeEach
  void ann() {
    when(identity.checkPassword(anyString(), anyString())).thenAnswer(a -> "Secret-1".equals(a.getArgument(1)));
    Group managers = mock(Group.class);
    when(managers.getId()).thenReturn("managers");
    when(identity.createGroupQuery().groupMember("ann").list()).thenReturn(List.of(managers));
    cache = new LoginCache(Duration.ofSeconds(60), clock);
    provider = new CamundaIdentityAuthenticationProvider(identity, throttle, cache);
  }

  Authentication login(String password) {
    return provider.authenticate(new UsernamePasswordAuthenticationToken("ann", password));
  }

  @Test
  void aRememberedLoginCostsNoIdentityQuery() {
    for (int i = 0; i < 5; i++) {
      Authentication ann = login("Secret-1");
      assertThat(ann.isAuthenticated()).isTrue();
      assertThat(ann.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("managers");
    }

    verify(identity, times(1)).checkPassword("ann", "Secret-1");
    // the stubbing above made one call to createGroupQuery(); the five logins made one more
    verify(identity, times(2)).createGroupQuery();
  }

  @Test
  void aWrongPasswordIsNeverAnsweredFromMemoryAndCountsAsAFailure() {
    login("Secret-1");
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> login("Secret-2")).isInstanceOf(BadCredentialsException.class);
    }

    verify(identity, times(3)).checkPassword("ann", "Secret-2");
    // three failures lock the account for addresses it never logged in from, remembered login or not
    assertThat(throttle.refusal("ann", "unknown")).isEmpty(); // "unknown" is where ann logged in from
    assertThat(throttle.refusal("ann", "203.0.113.9")).isPresent();
  }

  @Test
  void aLockedAccountIsRefusedBeforeMemoryIsAsked() {
    login("Secret-1");
    LoginThrottle strict = new LoginThrottle(1, 1, Duration.ofMinutes(15), clock,
        new BusinessTime(ZoneId.of("Asia/Shanghai"), clock));
    strict.failed("ann", "unknown");
    CamundaIdentityAuthenticationProvider locked = new CamundaIdentityAuthenticationProvider(identity, strict, cache);

    assertThatThrownBy(() -> locked.authenticate(new UsernamePasswordAuthenticationToken("ann", "Secret-1")))
        .isInstanceOf(LockedException.class);
  }

  @Test
  void theMemoryRunsOutAndIsForgottenOnChange() {
    login("Secret-1");
    clock.move(Duration.ofSeconds(59));
    login("Secret-1");
    verify(identity, times(1)).checkPassword("ann", "Secret-1");

    clock.move(Duration.ofSeconds(2));
    login("Secret-1");
    verify(identity, times(2)).checkPassword("ann", "Secret-1");

    cache.forgetAll();
    login("Secret-1");
    verify(identity, times(3)).checkPassword("ann", "Secret-1");
  }

  @Test
  void aLoginCheckedWhileUsersChangedIsNotRemembered() {
    long before = cache.generation();
    cache.forgetAll();
    cache.remember("ann", "Secret-1", List.of("managers"), before);

    assertThat(cache.groups("ann", "Secret-1")).isEmpty();
  }

  @Test
  void zeroTimeRemembersNothing() {
    provider = new CamundaIdentityAuthenticationProvider(identity, throttle, new LoginCache(Duration.ZERO, clock));
    login("Secret-1");
    login("Secret-1");

    verify(identity, times(2)).checkPassword("ann", "Secret-1");
    verify(identity, never()).checkPassword("ann", "Secret-2");
  }
}
